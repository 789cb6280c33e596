package org.domainchat.openfire;

import java.util.Optional;

import org.dom4j.Element;
import org.domainchat.webmail.ContactCards;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vCard basics of a contact from Openfire's {@link VCardManager} (which caches vCards, and reads LDAP's when the
 * vCard provider is LDAP): EMAIL, TITLE, ORG and the first work TEL of a vcard-temp (XEP-0054) card.
 */
final class OpenfireContactCards implements ContactCards {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireContactCards.class);

    private final VCardManager vcards;

    OpenfireContactCards(VCardManager vcards) {
        this.vcards = vcards;
    }

    @Override
    public Optional<Card> cardOf(String username) {
        Element vcard;
        try {
            vcard = vcards.getVCard(username);
        } catch (RuntimeException e) {
            // Details still show without a card: the directory has the name and address.
            LOG.debug("domainchat: no vCard for {}", username, e);
            return Optional.empty();
        }
        if (vcard == null) {
            return Optional.empty();
        }
        Card card = new Card(email(vcard), text(vcard.element("TITLE")), organization(vcard), phone(vcard));
        boolean empty = card.email() == null && card.title() == null && card.organization() == null
                && card.phone() == null;
        return empty ? Optional.empty() : Optional.of(card);
    }

    private static String email(Element vcard) {
        for (Element email : vcard.elements("EMAIL")) {
            String value = text(email.element("USERID"));
            if (value == null) {
                value = text(email); // some clients write the address as the element's text
            }
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String organization(Element vcard) {
        Element org = vcard.element("ORG");
        if (org == null) {
            return null;
        }
        String name = text(org.element("ORGNAME"));
        String unit = text(org.element("ORGUNIT"));
        if (name == null) {
            return unit;
        }
        return unit == null ? name : name + ", " + unit;
    }

    /** The first TEL marked WORK with a NUMBER, else the first TEL with a NUMBER. */
    private static String phone(Element vcard) {
        String any = null;
        for (Element tel : vcard.elements("TEL")) {
            String number = text(tel.element("NUMBER"));
            if (number == null) {
                continue;
            }
            if (tel.element("WORK") != null) {
                return number;
            }
            if (any == null) {
                any = number;
            }
        }
        return any;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextTrim();
        return t.isEmpty() ? null : t;
    }
}
