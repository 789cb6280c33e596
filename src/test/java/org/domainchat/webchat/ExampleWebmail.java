package org.domainchat.webchat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A webmail on another origin, serving the documented example page ({@code docs/examples/}) as it is, with only the
 * chat server's address put in, under the strict Content-Security-Policy the example recommends, and a backend that
 * signs a backend token for its logged-in user, as a real webmail's would.
 */
final class ExampleWebmail extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Path EXAMPLES = Path.of("docs", "examples");
    static final String DOCUMENTED_CHAT_SERVER = "https://chat.example.com:7443";

    private final String user;
    volatile String chatServer;
    /** Backend tokens handed out (each time the panel asked). */
    final java.util.concurrent.atomic.AtomicInteger tokens = new java.util.concurrent.atomic.AtomicInteger();

    ExampleWebmail(String user) {
        this.user = user;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        switch (path) {
            case "/" -> file(response, "webmail.html", "text/html;charset=utf-8");
            case "/webmail-chat.js" -> file(response, "webmail-chat.js", "text/javascript;charset=utf-8");
            case "/chat-token" -> token(request, response);
            default -> response.sendError(404);
        }
    }

    private void file(HttpServletResponse response, String name, String type) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8)
                .replace(DOCUMENTED_CHAT_SERVER, chatServer);
        response.setContentType(type);
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' " + chatServer
                + "; style-src 'self' " + chatServer + "; connect-src 'self' " + chatServer
                + "; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types 'none'");
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.sendError(405);
            return;
        }
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).audience("domainchat")
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(ChatServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IOException(e);
        }
        tokens.incrementAndGet();
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(("{\"token\": \"" + jwt.serialize() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
