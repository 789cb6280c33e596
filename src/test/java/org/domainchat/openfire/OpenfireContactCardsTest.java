package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.dom4j.DocumentHelper;
import org.domainchat.webmail.ContactCards;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.junit.jupiter.api.Test;

/** vCard basics read from real vcard-temp XML as Openfire's VCardManager hands it out. */
class OpenfireContactCardsTest {

    private final VCardManager vcards = mock(VCardManager.class);
    private final OpenfireContactCards cards = new OpenfireContactCards(vcards);

    @Test
    void theBasicsOfACard() throws Exception {
        when(vcards.getVCard("bob")).thenReturn(DocumentHelper.parseText("""
                <vCard xmlns='vcard-temp'><FN>Bob Baker</FN><TITLE> Head of Sales </TITLE>
                <ORG><ORGNAME>Example AG</ORGNAME><ORGUNIT>Sales</ORGUNIT></ORG>
                <TEL><HOME/><NUMBER>+49 30 1</NUMBER></TEL><TEL><WORK/><VOICE/><NUMBER>+49 30 2</NUMBER></TEL>
                <EMAIL><INTERNET/><USERID>robert.baker@example.com</USERID></EMAIL></vCard>""").getRootElement());
        assertEquals(Optional.of(new ContactCards.Card("robert.baker@example.com", "Head of Sales",
                "Example AG, Sales", "+49 30 2")), cards.cardOf("bob"));
    }

    @Test
    void noCardAnEmptyCardOrAFailingProviderIsNoCard() throws Exception {
        when(vcards.getVCard("carol")).thenReturn(null);
        when(vcards.getVCard("dave")).thenReturn(DocumentHelper.parseText("<vCard xmlns='vcard-temp'><FN>Dave</FN>"
                + "</vCard>").getRootElement());
        when(vcards.getVCard("erin")).thenThrow(new IllegalStateException("LDAP is down"));
        assertEquals(Optional.empty(), cards.cardOf("carol"));
        assertEquals(Optional.empty(), cards.cardOf("dave"));
        assertEquals(Optional.empty(), cards.cardOf("erin"));
    }

    @Test
    void aHomePhoneWhenThereIsNoWorkPhone() throws Exception {
        when(vcards.getVCard("bob")).thenReturn(DocumentHelper.parseText("<vCard xmlns='vcard-temp'><TEL><HOME/>"
                + "<NUMBER>+49 30 1</NUMBER></TEL><ORG><ORGUNIT>Sales</ORGUNIT></ORG></vCard>").getRootElement());
        assertEquals(Optional.of(new ContactCards.Card(null, null, "Sales", "+49 30 1")), cards.cardOf("bob"));
    }
}
