package io.github.hourglassmocap.retarget.record;

/**
 * How far key reduction may go: a key is dropped only if linear interpolation between the keys kept on either
 * side reproduces it, and every other dropped key in that span, within these errors. Immutable.
 */
public final class KeyReduction {
    /** No reduction: every recorded key is kept. */
    public static final KeyReduction NONE = new KeyReduction(0f, 0f);

    private final float maxRotationDegrees;
    private final float maxTranslation;

    /**
     * Creates a reduction setting.
     *
     * @param maxRotationDegrees largest rotation error allowed (in degrees, &ge;0; 0 keeps every key that differs)
     * @param maxTranslation largest translation error allowed (in the armature's units, &ge;0)
     */
    public KeyReduction(float maxRotationDegrees, float maxTranslation) {
        if (!(maxRotationDegrees >= 0) || Float.isInfinite(maxRotationDegrees)) {
            throw new IllegalArgumentException("maxRotationDegrees must be finite and >= 0, got " + maxRotationDegrees);
        }
        if (!(maxTranslation >= 0) || Float.isInfinite(maxTranslation)) {
            throw new IllegalArgumentException("maxTranslation must be finite and >= 0, got " + maxTranslation);
        }
        this.maxRotationDegrees = maxRotationDegrees;
        this.maxTranslation = maxTranslation;
    }

    /** @return the largest rotation error (degrees) */
    public float getMaxRotationDegrees() {
        return maxRotationDegrees;
    }

    /** @return the largest translation error (armature units) */
    public float getMaxTranslation() {
        return maxTranslation;
    }

    /** @return whether this setting keeps every key */
    public boolean isNone() {
        return maxRotationDegrees == 0f && maxTranslation == 0f;
    }

    @Override
    public String toString() {
        return "KeyReduction[" + maxRotationDegrees + " deg, " + maxTranslation + "]";
    }
}
