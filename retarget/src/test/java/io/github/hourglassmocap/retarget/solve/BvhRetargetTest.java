package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.Armature;
import io.github.hourglassmocap.retarget.bvh.BvhJme;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retargets CMU BVH takes (test excerpts, through the 17-joint view) onto the jME test characters and onto
 * the BVH rigs themselves.
 */
class BvhRetargetTest {
    static final String WALK = "cmu-iclone-002_01-walk.bvh";
    static final String SALSA = "cmu-acrnn-salsa-01-dance.bvh";

    static Path take(String name) throws Exception {
        return Path.of(BvhRetargetTest.class.getResource("/retarget/" + name).toURI());
    }

    static CharacterRig bvhRig(String file) throws Exception {
        BvhSkeleton skeleton;
        try (BvhReader reader = BvhReader.open(take(file))) {
            skeleton = reader.skeleton();
        }
        Armature armature = BvhJme.toArmature(skeleton, 1.0);
        return new CharacterRig(armature, HumanoidMapper.map(RigDescription.of(file, skeleton)));
    }

    static CharacterRig target(String name) throws Exception {
        return name.endsWith(".bvh") ? bvhRig(name) : SolveFixtures.rig(name);
    }

    @ParameterizedTest
    @CsvSource({WALK + "," + WALK, SALSA + "," + SALSA, WALK + ",jaime", WALK + ",sinbad", WALK + ",ninja", WALK + "," + SALSA,
        SALSA + ",jaime", SALSA + ",sinbad", SALSA + ",ninja", SALSA + "," + WALK})
    void meetsTheDirectionTargets(String takeName, String onto) throws Exception {
        SourceSequence source = SourceSequence.of(BvhTake17.load(take(takeName), 30));
        CharacterRig rig = target(onto);
        RetargetResult r = new OfflineRetargeter(rig, RetargetOptions.defaults()).run(source);
        RetargetMetrics m = r.getMetrics();
        System.out.println(takeName + " -> " + onto + " (" + rig.getRestPoseKind() + ")\n" + m.format()
                + java.util.Arrays.toString(m.getLimbMeanDegrees()));
        assertTrue(m.getMeanErrorDegrees() < 3.0, "mean " + m.getMeanErrorDegrees());
        assertTrue(m.getP95ErrorDegrees() < 8.0, "p95 " + m.getP95ErrorDegrees());
    }

    @ParameterizedTest
    @CsvSource({WALK + "," + WALK, SALSA + "," + SALSA, WALK + ",jaime", SALSA + ",sinbad", SALSA + ",ninja"})
    void livePathMeetsTheDirectionTargets(String takeName, String onto) throws Exception {
        SourceSequence source = SourceSequence.of(BvhTake17.load(take(takeName), 30));
        RetargetResult r = new LiveRetargeter(target(onto), RetargetOptions.defaults()).runClip(source);
        RetargetMetrics m = r.getMetrics();
        System.out.println("live " + takeName + " -> " + onto + "\n" + m.format() + java.util.Arrays.toString(m.getLimbMeanDegrees()));
        assertTrue(m.getMeanErrorDegrees() < 3.0, "mean " + m.getMeanErrorDegrees());
        assertTrue(m.getP95ErrorDegrees() < 8.0, "p95 " + m.getP95ErrorDegrees());
    }

    @ParameterizedTest
    @CsvSource({WALK + ",sinbad", SALSA + ",jaime"})
    void lockingCutsSkateAndInPlaceKeepsTheHipsOverTheOrigin(String takeName, String onto) throws Exception {
        SourceSequence source = SourceSequence.of(BvhTake17.load(take(takeName), 30));
        CharacterRig rig = target(onto);
        RetargetResult locked = new OfflineRetargeter(rig, RetargetOptions.defaults()).run(source);
        RetargetResult free = new OfflineRetargeter(rig, RetargetOptions.defaults().withFootLocking(false)).run(source);
        assertTrue(locked.getMetrics().getContactCount() > 0);
        assertTrue(locked.getMetrics().getSkateAfterCm() < 0.25 * free.getMetrics().getSkateAfterCm(),
                "locked " + locked.getMetrics().getSkateAfterCm() + " cm vs free " + free.getMetrics().getSkateAfterCm());
        assertEquals(free.getMetrics().getSkateBeforeCm(), free.getMetrics().getSkateAfterCm(), 1e-3, "no locking, no change");
        RetargetResult inPlace = new OfflineRetargeter(rig, RetargetOptions.defaults().withInPlace(true)).run(source);
        float x0 = inPlace.getPoses().get(0).getHipsPosition().x;
        float z0 = inPlace.getPoses().get(0).getHipsPosition().z;
        float travel = 0;
        float travelFree = 0;
        for (int i = 0; i < source.size(); i++) {
            var h = inPlace.getPoses().get(i).getHipsPosition();
            travel = Math.max(travel, (float) Math.hypot(h.x - x0, h.z - z0));
            var g = free.getPoses().get(i).getHipsPosition();
            var g0 = free.getPoses().get(0).getHipsPosition();
            travelFree = Math.max(travelFree, (float) Math.hypot(g.x - g0.x, g.z - g0.z));
        }
        // In place, only the pelvis offset turning with the hips moves the hips joint.
        assertTrue(travel < 0.1f * rig.getLegLength(), "in place moved " + travel);
        if (takeName.equals(WALK)) {
            assertTrue(travelFree > 0.5f * rig.getLegLength(), "a walk travels: " + travelFree);
        }
    }
}
