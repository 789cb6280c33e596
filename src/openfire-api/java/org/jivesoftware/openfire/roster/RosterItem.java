// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.roster;

public class RosterItem {
    public SubType getSubStatus() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public AskType getAskStatus() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public RecvType getRecvStatus() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.xmpp.packet.JID getJid() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public String getNickname() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.List<String> getGroups() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public enum SubType {
        REMOVE, NONE, TO, FROM, BOTH;

        public String getName() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    }

    public enum AskType { NONE, SUBSCRIBE, UNSUBSCRIBE }

    public enum RecvType { NONE, SUBSCRIBE, UNSUBSCRIBE }
}
