package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.scene.Node;
import com.jme3.scene.SceneGraphVisitorAdapter;
import com.jme3.scene.Spatial;
import com.jme3.scene.control.Control;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the armature of a loaded character, migrating models saved with jME's old animation system.
 */
public final class Armatures {
    private Armatures() {
    }

    /**
     * Finds the first {@link SkinningControl} in a model, migrating the old {@code AnimControl}/
     * {@code SkeletonControl} pair first if that is what the model has.
     *
     * @param model the character (not null, modified if it had to be migrated)
     * @return the skinning control, or null if the model has no skeleton
     */
    public static SkinningControl findSkinning(Spatial model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        SkinningControl sc = search(model);
        if (sc == null && hasOldSkeleton(model)) {
            AnimMigrationUtils.migrate(model);
            sc = search(model);
        }
        return sc;
    }

    /**
     * Gets the armature of a character.
     *
     * @param model the character (not null, modified if it had to be migrated)
     * @return the armature (shared, the live one)
     * @throws IllegalArgumentException if the model has no skeleton, naming the model
     */
    public static Armature getArmature(Spatial model) {
        SkinningControl sc = findSkinning(model);
        if (sc == null) {
            throw new IllegalArgumentException("model '" + model.getName()
                    + "' has no skeleton (no SkinningControl): only rigged characters can be driven");
        }
        return sc.getArmature();
    }

    private static SkinningControl search(Spatial model) {
        return findControl(model, SkinningControl.class);
    }

    /**
     * Finds the first control of a type in a model, in the order of {@link Spatial#depthFirstTraversal}.
     *
     * @param model the model (not null)
     * @param type the control's class (not null)
     * @param <C> the control's type
     * @return the first such control, or null if the model has none
     */
    public static <C extends Control> C findControl(Spatial model, Class<C> type) {
        List<C> found = new ArrayList<>(1);
        model.depthFirstTraversal(new SceneGraphVisitorAdapter() {
            @Override
            public void visit(Node node) {
                check(node);
            }

            @Override
            public void visit(com.jme3.scene.Geometry geom) {
                check(geom);
            }

            private void check(Spatial s) {
                C c = s.getControl(type);
                if (c != null && found.isEmpty()) {
                    found.add(c);
                }
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }

    @SuppressWarnings("deprecation")
    private static boolean hasOldSkeleton(Spatial model) {
        boolean[] found = new boolean[1];
        model.depthFirstTraversal(s -> {
            if (s.getControl(com.jme3.animation.SkeletonControl.class) != null) {
                found[0] = true;
            }
        });
        return found[0];
    }
}
