package org.domainchat.webmail;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.LongSupplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the short-lived tokens the trusted webmail backend signs for a user: a JWS with HS256 under the shared
 * secret, nothing else. Nimbus JOSE+JWT does the parsing, refuses unsigned ({@code alg: none}) and encrypted tokens,
 * accepts only HS256 and compares the MAC in constant time; this class adds the claim rules: {@code exp} and
 * {@code iat} required, lifetime at most {@link WebmailSettings#tokenMaxLifetime()}, {@code aud} naming us,
 * {@code nbf} honoured, a subject. Claims are only looked at once the signature is good, so a forger learns
 * nothing but "not valid".
 */
final class BackendTokens {

    private static final Logger LOG = LoggerFactory.getLogger(BackendTokens.class);

    /** Clocks of the webmail backend and this server may differ this much. */
    static final long CLOCK_SKEW_MILLIS = 30_000;
    private static final int MAX_TOKEN_CHARS = 4096;

    /**
     * @param subject   the {@code sub} claim as sent (a username, or {@code user@domain})
     * @param adminScope the {@code scope} claim lists {@code admin}
     * @param issuedAt   the {@code iat} claim (epoch ms, whole seconds)
     */
    record Verified(String subject, boolean adminScope, long expiresAt, long issuedAt) {
    }

    private final WebmailSettings settings;
    private final LongSupplier clock;
    /** The last secret found unusable, so the warning is logged once per value, not per request. */
    private volatile String warnedSecret;

    BackendTokens(WebmailSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** True when {@code token} has the shape of a JWS (three dot-separated parts) rather than a session token. */
    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    Verified verify(String token) {
        String secret = settings.secret();
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < WebmailSettings.MIN_SECRET_BYTES) {
            if (key.length > 0 && !secret.equals(warnedSecret)) {
                warnedSecret = secret;
                LOG.warn("domainchat.webmail.secret is shorter than {} bytes; backend tokens are refused until it is "
                        + "longer", WebmailSettings.MIN_SECRET_BYTES);
            }
            throw ApiError.invalidToken("invalid-token", "Backend tokens are not accepted: no shared secret is set "
                    + "up on the chat server.");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw notValid();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        long now = clock.getAsLong();
        ClaimRules rules = new ClaimRules(now);
        processor.setJWTClaimsSetVerifier(rules);
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Refused e) {
            throw ApiError.invalidToken(e.code, e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            // Malformed, unsigned, another algorithm, or a bad signature: all the same to the caller.
            LOG.debug("backend token refused: {}", e.toString());
            throw notValid();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return new Verified(claims.getSubject(), rules.adminScope, claims.getExpirationTime().getTime(),
                claims.getIssueTime().getTime());
    }

    private static ApiError notValid() {
        return ApiError.invalidToken("invalid-token", "The token is not valid.");
    }

    /** The claim rules, run by Nimbus only after the signature has been verified. */
    private final class ClaimRules implements com.nimbusds.jwt.proc.JWTClaimsSetVerifier<SecurityContext> {
        private final long now;
        boolean adminScope;

        ClaimRules(long now) {
            this.now = now;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            Date nbf = claims.getNotBeforeTime();
            if (exp == null || iat == null) {
                throw new Refused("invalid-token", "The token must carry exp and iat.");
            }
            if (now >= exp.getTime() + CLOCK_SKEW_MILLIS) {
                throw new Refused("token-expired", "The token has expired.");
            }
            if (iat.getTime() > now + CLOCK_SKEW_MILLIS) {
                throw new Refused("invalid-token", "The token was issued in the future (iat); check the clocks.");
            }
            if (nbf != null && nbf.getTime() > now + CLOCK_SKEW_MILLIS) {
                throw new Refused("invalid-token", "The token is not valid yet (nbf).");
            }
            long max = settings.tokenMaxLifetime().toMillis();
            if (exp.getTime() - iat.getTime() > max) {
                throw new Refused("invalid-token", "The token is valid for longer than the " + max / 1000
                        + " seconds allowed (exp - iat).");
            }
            List<String> audience = claims.getAudience();
            if (!audience.contains(settings.audience())) {
                throw new Refused("invalid-token", "The token is not meant for this server (aud).");
            }
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new Refused("invalid-token", "The token names no user (sub).");
            }
            String scope;
            try {
                scope = claims.getStringClaim("scope");
            } catch (ParseException e) {
                throw new Refused("invalid-token", "The token's scope must be a string.");
            }
            adminScope = scope != null && List.of(scope.trim().split("\\s+")).contains("admin");
        }
    }

    private static final class Refused extends BadJWTException {
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
