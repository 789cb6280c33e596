package org.domainchat.openfire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.domainchat.db.ConnectionSource;
import org.xmpp.packet.JID;

/**
 * The leaf nodes of this domain's personal eventing services as Openfire stores them (table {@code ofPubsubNode},
 * unchanged since Openfire 3; a PEP service's id is its owner's bare JID). Openfire offers no call that lists them
 * without loading every service, and one query at start is all domain chat needs.
 */
final class StoredPepNodes {

    private StoredPepNodes() {
    }

    /** Each entry is an owner's username and the id of one of their leaf nodes. */
    static List<Map.Entry<String, String>> read(ConnectionSource db, String domain) throws SQLException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String suffix = "@" + domain;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT serviceID, nodeID FROM ofPubsubNode WHERE leaf = 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String service = rs.getString(1);
                if (service == null || !service.endsWith(suffix)) {
                    continue;
                }
                try {
                    JID owner = new JID(service);
                    if (owner.getNode() != null && owner.getResource() == null) {
                        out.add(new AbstractMap.SimpleImmutableEntry<>(owner.getNode(), rs.getString(2)));
                    }
                } catch (IllegalArgumentException notAJid) {
                    // not a user's service
                }
            }
        }
        return out;
    }
}
