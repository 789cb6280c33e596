package org.domainchat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PairKeysTest {

    @Test
    void givesEachPairItsOwnDigestWhateverTheOrderAndHowOftenItIsFull() {
        PairKeys keys = new PairKeys(3);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                PartyPair pair = PartyPair.of("user" + i + "@example.com", "user" + (i + 1) + "@example.com");
                assertEquals(pair.key(), keys.of(pair));
                assertEquals(pair.key(), keys.of(PartyPair.of(pair.second(), pair.first())), "either order");
            }
        }
        assertNotEquals(keys.of(PartyPair.of("a@example.com", "b@example.com")),
                keys.of(PartyPair.of("a@example.com", "c@example.com")));
    }
}
