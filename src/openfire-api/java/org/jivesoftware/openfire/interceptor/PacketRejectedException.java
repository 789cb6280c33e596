// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.interceptor;

public class PacketRejectedException extends Exception {
    public PacketRejectedException() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public PacketRejectedException(String message) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public String getRejectionMessage() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void setRejectionMessage(String rejectionMessage) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
