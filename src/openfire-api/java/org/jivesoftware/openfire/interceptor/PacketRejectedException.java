// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
// Unlike the other stand-ins it behaves like the real one (it is plain data), so tests can throw and inspect it.
package org.jivesoftware.openfire.interceptor;

public class PacketRejectedException extends Exception {
    private String rejectionMessage;
    private org.xmpp.packet.PacketError rejectionError;

    public PacketRejectedException() {
    }

    public PacketRejectedException(String message) {
        super(message);
    }

    public String getRejectionMessage() {
        return rejectionMessage;
    }

    public void setRejectionMessage(String rejectionMessage) {
        this.rejectionMessage = rejectionMessage;
    }

    public org.xmpp.packet.PacketError getRejectionError() {
        return rejectionError;
    }

    public void setRejectionError(org.xmpp.packet.PacketError rejectionError) {
        this.rejectionError = rejectionError;
    }
}
