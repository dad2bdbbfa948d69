package io.github.hourglassmocap.plugin.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CharacterCatalogTest {
    @Test
    void findsShortNamesIgnoringCase() {
        assertEquals(CharacterCatalog.SINBAD, CharacterCatalog.find("Sinbad"));
        assertEquals(CharacterCatalog.NINJA, CharacterCatalog.find(" ninja "));
        assertNull(CharacterCatalog.find("Models/Ninja/Ninja.mesh.xml"));
        assertNull(CharacterCatalog.find(null));
        assertEquals("[jaime, sinbad, ninja, oto, elephant]", CharacterCatalog.shortNames());
    }

    @Test
    void everyAssetIsInTheTestData() {
        for (CharacterCatalog c : CharacterCatalog.values()) {
            assertNotNull(getClass().getClassLoader().getResource(c.assetPath()), c.assetPath());
        }
    }
}
