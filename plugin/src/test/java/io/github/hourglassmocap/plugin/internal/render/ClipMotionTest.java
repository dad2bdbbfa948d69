package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.Armature;
import com.jme3.math.Transform;
import io.github.hourglassmocap.inference.ModelLoadException;
import org.junit.jupiter.api.Test;

class ClipMotionTest {
    private static Transform[] pose(Armature a) {
        Transform[] out = new Transform[a.getJointCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getJoint(i).getLocalTransform().clone();
        }
        return out;
    }

    private static float maxDifference(Transform[] a, Transform[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, a[i].getTranslation().distance(b[i].getTranslation()));
            float dot = Math.abs(a[i].getRotation().dot(b[i].getRotation()));
            max = Math.max(max, 1 - Math.min(1, dot));
        }
        return max;
    }

    @Test
    void posesDependOnTheTimeAloneAndWrapAtTheLength() throws ModelLoadException {
        RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), "sinbad", 1.75, 0);
        ClipMotion dance = new ClipMotion(c, "Dance");
        assertEquals("clip:Dance", dance.describe());
        assertEquals("Dance", dance.clipName());
        double length = dance.lengthSeconds();
        assertTrue(length > 0.5, "Dance lasts " + length);
        dance.apply(0.7);
        Transform[] at07 = pose(c.armature());
        dance.apply(0.1);
        Transform[] at01 = pose(c.armature());
        assertTrue(maxDifference(at07, at01) > 1e-3, "the pose changes with time");
        dance.apply(0.7);
        assertEquals(0f, maxDifference(at07, pose(c.armature())), 1e-6f, "the same time gives the same pose, whatever came before");
        dance.apply(0.7 + 2 * length);
        assertEquals(0f, maxDifference(at07, pose(c.armature())), 1e-4f, "times wrap around the clip length");
    }

    @Test
    void unknownClipsListTheCharactersClips() throws ModelLoadException {
        RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), "ninja", 1.75, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClipMotion(c, "walk"));
        assertTrue(e.getMessage().contains("'walk'") && e.getMessage().contains("Walk") && e.getMessage().contains("Backflip"),
                e.getMessage());
    }
}
