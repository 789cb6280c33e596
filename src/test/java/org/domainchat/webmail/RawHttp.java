package org.domainchat.webmail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.json.JSONObject;

/**
 * HTTP/1.1 over a plain socket, for what Java's HttpClient cannot do: call from another loopback address (Linux
 * answers all of 127.0.0.0/8), send headers and then trickle the body, or never read the response.
 */
final class RawHttp implements AutoCloseable {

    /** A response as read off the wire. */
    record Response(int status, Map<String, String> headers, String body) {
        JSONObject json() {
            return new JSONObject(body);
        }

        String code() {
            return json().getJSONObject("error").getString("code");
        }
    }

    final Socket socket;
    private final URI base;

    private RawHttp(Socket socket, URI base) {
        this.socket = socket;
        this.base = base;
    }

    /** A connection to the API at {@code base} from {@code localAddress} (e.g. 127.0.0.2). */
    static RawHttp connect(URI base, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        return new RawHttp(socket, base);
    }

    /** Sends a whole request with a JSON body (or none when {@code json} is null) and reads the response. */
    static Response exchange(URI base, String localAddress, String method, String path, String authorization,
                             String json) throws IOException {
        try (RawHttp http = connect(base, localAddress)) {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            http.sendHead(method, path, authorization, json == null ? -1 : body.length);
            http.send(body);
            return http.read();
        }
    }

    /** The request line and headers; a body of {@code contentLength} bytes (none when negative) is to follow. */
    void sendHead(String method, String path, String authorization, long contentLength) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(base.getPath()).append(path)
                .append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append(':').append(base.getPort())
                .append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (contentLength >= 0) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(contentLength).append("\r\n");
        }
        head.append("\r\n");
        send(head.toString().getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Reads one response with a Content-Length body (what every answer of the API but the event stream has). */
    Response read() throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
