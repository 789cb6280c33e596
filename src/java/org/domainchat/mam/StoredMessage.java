package org.domainchat.mam;

import org.domainchat.archive.ArchivedMessage;

/** A message read back for an archive query, with the stanza as the archive kept it (null if it kept none). */
record StoredMessage(ArchivedMessage message, String stanza) {

    long id() {
        return message.id();
    }
}
