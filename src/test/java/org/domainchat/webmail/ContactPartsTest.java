package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The contact panes' pure parts: folding for the q filter, and the placeholder the Openfire endpoint passes. */
class ContactPartsTest {

    @Test
    void foldingDropsCaseAndAccentsAndSpellsOutLettersWithoutThem() {
        assertEquals("jose muller", ContactQuery.fold("José Müller"));
        assertEquals("zoe weiss", ContactQuery.fold("ZOË WEISS"));
        assertEquals("zoe weiss", ContactQuery.fold("Zoë Weiß"));
        assertEquals("lars ostergaard", ContactQuery.fold("Lars Østergaard"));
        assertEquals("anna-lena celik", ContactQuery.fold("Anna-Lena Çelik"));
        assertEquals("lukasz", ContactQuery.fold("Łukasz"));
        assertEquals("file aesop", ContactQuery.fold("ﬁle Æsop"), "ligatures are split");
    }

    @Test
    void theQueryMatchesEveryWordInNameOrUsernameAndAddressesOnlyWithAnAt() {
        ContactQuery q = ContactQuery.parse("  Müller   JOSÉ ");
        assertTrue(q.matches("jose muller", "jmueller", "example.com"));
        assertFalse(q.matches("jose garcia", "jgarcia", "example.com"));
        assertTrue(ContactQuery.parse("mueller").matches("jose muller", "jmueller", "example.com"));
        assertTrue(ContactQuery.parse("jmueller@ex").matches("jose muller", "jmueller", "example.com"));
        assertFalse(ContactQuery.parse("example").matches("jose muller", "jmueller", "example.com"),
                "a word without @ is not matched against the domain, or everyone would match");
        assertSame(ContactQuery.ALL, ContactQuery.parse(null));
        assertSame(ContactQuery.ALL, ContactQuery.parse(" \t"));
        assertEquals(100, ContactQuery.MAX_CHARS);
        ContactQuery.parse("x".repeat(100));
        ApiError tooLong = assertThrows(ApiError.class, () -> ContactQuery.parse("x".repeat(101)));
        assertEquals(400, tooLong.status);
        assertEquals("invalid-parameter", tooLong.code);
    }

    @Test
    void thePlaceholderAnswersEveryContactEndpointWith503() {
        Router router = new Router();
        new ContactEndpoints(Contacts.unavailable()).register(router);
        Caller alice = new Caller("alice", "alice@example.com", Caller.Via.SESSION, 0);
        byte[] body = "{\"with\": \"bob@example.com\"}".getBytes(StandardCharsets.UTF_8);
        for (List<String> call : List.of(List.of("GET", "contacts"), List.of("GET", "contacts", "bob@example.com"),
                List.of("POST", "read"))) {
            Router.Match match = router.match(call.get(0), call.subList(1, call.size()));
            ApiRequest request = new ApiRequest(null, alice, match.params(), Map.of(), body, "127.0.0.1");
            ApiError error = assertThrows(ApiError.class, () -> match.route().handler().handle(request),
                    call.toString());
            assertEquals(503, error.status, call.toString());
            assertEquals("contacts-unavailable", error.code, call.toString());
            assertTrue(error.headers.containsKey("Retry-After"));
        }
    }
}
