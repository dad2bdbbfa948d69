#!/usr/bin/env python3
"""Reduces a render-synthetic truth file to the 12 limb joints PCK is measured on (H36M names, pixels).

usage: make_truth12.py <clip>.truth.json <character> > <clip>.truth12.json
"""
import json
import sys

RIG = {
    'jaime': dict(r_hip='thigh.R', r_knee='shin.R', r_ankle='foot.R', l_hip='thigh.L', l_knee='shin.L', l_ankle='foot.L',
                  l_shoulder='upper_arm.L', l_elbow='forearm.L', l_wrist='hand.L', r_shoulder='upper_arm.R', r_elbow='forearm.R', r_wrist='hand.R'),
    'sinbad': dict(r_hip='Thigh.R', r_knee='Calf.R', r_ankle='Foot.R', l_hip='Thigh.L', l_knee='Calf.L', l_ankle='Foot.L',
                   l_shoulder='Humerus.L', l_elbow='Ulna.L', l_wrist='Hand.L', r_shoulder='Humerus.R', r_elbow='Ulna.R', r_wrist='Hand.R'),
    'oto': dict(r_hip='hip.right', r_knee='leg.right', r_ankle='foot.right', l_hip='hip.left', l_knee='leg.left', l_ankle='foot.left',
                l_shoulder='uparm.left', l_elbow='arm.left', l_wrist='hand.left', r_shoulder='uparm.right', r_elbow='arm.right', r_wrist='hand.right'),
}
ORDER = ['r_hip', 'r_knee', 'r_ankle', 'l_hip', 'l_knee', 'l_ankle', 'l_shoulder', 'l_elbow', 'l_wrist', 'r_shoulder', 'r_elbow', 'r_wrist']

truth = json.load(open(sys.argv[1]))
rig = RIG[sys.argv[2]]
names = [j['name'] for j in truth['joints']]
out = {
    'version': 1,
    'source': truth['video'],
    'character': truth['character'],
    'motion': truth['motion'],
    'camera': truth['camera'],
    'width': truth['width'],
    'height': truth['height'],
    'pixels': truth['pixels'],
    'rigBones': [rig[j] for j in ORDER],
    'joints': ORDER,
    'frames': [[[round(f['pixels'][names.index(rig[j])][0], 2), round(f['pixels'][names.index(rig[j])][1], 2)] for j in ORDER]
               for f in truth['frames']],
}
json.dump(out, sys.stdout, separators=(',', ':'))
