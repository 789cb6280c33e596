// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.interceptor;

public class InterceptorManager {
    public static InterceptorManager getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void addInterceptor(PacketInterceptor interceptor) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void addInterceptor(int index, PacketInterceptor interceptor) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public boolean removeInterceptor(PacketInterceptor interceptor) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
