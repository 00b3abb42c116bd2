package com.chatnation.crm.application.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Staff access tokens: short-lived JWTs signed with HMAC-SHA256. The signing secret comes from
 * {@code crm.security.jwt-secret} (env {@code CRM_JWT_SECRET}), or is generated on first start into the data
 * directory. Each token names its member, organization and login session; what the member may do is read afresh
 * on every request, so a role change or a deactivation does not wait for the token to expire.
 */
@Component
public class AccessTokens {

    public static final String ISSUER = "chatnation-crm";
    static final String ORGANIZATION_CLAIM = "org";
    static final String SESSION_CLAIM = "sid";

    private final SecretKey key;
    private final Duration lifetime;
    private final Clock clock;
    private final JwtEncoder encoder;

    public record Issued(String value, Instant expiresAt) {
    }

    public AccessTokens(@Value("${crm.security.jwt-secret:}") String configured,
                        @Value("${crm.security.jwt-secret-file:${crm.data-dir}/jwt-signing-key}") String secretFile,
                        @Value("${crm.security.access-token-lifetime:15m}") Duration lifetime) {
        String secret = configured.isBlank() ? SecretFiles.readOrGenerate(Path.of(secretFile), "JWT signing secret") : configured;
        if (secret.length() < 32) {
            throw new IllegalStateException("crm.security.jwt-secret must be at least 32 characters long");
        }
        // hashed to exactly the 256 bits HS256 wants, whatever the configured secret's length
        this.key = new SecretKeySpec(sha256(secret), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = Clock.systemUTC();
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    public Issued issue(String userId, String organizationId, String sessionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId)
                .claim(ORGANIZATION_CLAIM, organizationId)
                .claim(SESSION_CLAIM, sessionId)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Issued(value, expiresAt);
    }

    public Duration lifetime() {
        return lifetime;
    }

    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
