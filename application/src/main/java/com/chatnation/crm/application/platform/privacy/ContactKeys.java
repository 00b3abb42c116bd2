package com.chatnation.crm.application.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The data keys of contacts, one per contact and one per contact and month for message texts, wrapped by the
 * {@link MasterKey} in {@code personal_data_keys}. Deleting a contact's rows is erasing the contact: every value
 * sealed with them, in events, snapshots, dead letters and the Kafka topic, becomes noise.
 *
 * <p>A key is created in a transaction of its own that commits before the value it seals can be stored: a key
 * created inside a command's transaction that then rolled back would have been cached here and used for later
 * events, which nobody could open after a restart. Keys are cached for a few minutes; another instance's erasure
 * is seen here when the entry expires, which bounds how long an erased contact stays readable on this instance.
 */
@Component
public class ContactKeys {

    private static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Cache<String, Optional<SecretKey>> cache = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(CACHED_FOR)
            .build();

    ContactKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.masterKey = masterKey;
        this.clock = Clock.systemUTC();
    }

    /** The key id for a contact's values, or for their message texts written this month. */
    String keyIdFor(String contactId, boolean messageText) {
        return messageText ? contactId + "/" + YearMonth.now(clock) : contactId;
    }

    /** The key to seal with, created if the contact has none yet. */
    SecretKey sealingKey(String keyId, String contactId, String organizationId) {
        Optional<SecretKey> cached = cache.getIfPresent(keyId);
        if (cached != null && cached.isPresent()) {
            return cached.get();
        }
        SecretKey key = ownTransaction.execute(status -> {
            jdbc.update("""
                    INSERT INTO personal_data_keys (key_id, contact_id, organization_id, period, wrapped_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING""",
                    keyId, contactId, organizationId, period(keyId), masterKey.wrap(newKey(), keyId),
                    Timestamp.from(clock.instant()));
            return load(keyId).orElseThrow(() -> new IllegalStateException("data key " + keyId + " was not stored"));
        });
        cache.put(keyId, Optional.of(key));
        return key;
    }

    /** The key a sealed value names, or empty when it was destroyed (the contact erased, the texts expired). */
    Optional<SecretKey> openingKey(String keyId) {
        return cache.get(keyId, this::load);
    }

    /** Erases a contact: every key of theirs, the monthly ones included. Returns how many keys were destroyed. */
    public int destroyContact(String contactId) {
        List<String> keyIds = jdbc.queryForList("DELETE FROM personal_data_keys WHERE contact_id = ? RETURNING key_id",
                String.class, contactId);
        keyIds.forEach(cache::invalidate);
        cache.invalidate(contactId);
        return keyIds.size();
    }

    /** Destroys an organization's monthly message-text keys of months before {@code firstKept}. */
    public int destroyMessageTextKeysBefore(String organizationId, YearMonth firstKept) {
        List<String> keyIds = jdbc.queryForList("""
                DELETE FROM personal_data_keys WHERE organization_id = ? AND period IS NOT NULL AND period < ?
                RETURNING key_id""", String.class, organizationId, firstKept.toString());
        keyIds.forEach(cache::invalidate);
        return keyIds.size();
    }

    private Optional<SecretKey> load(String keyId) {
        return jdbc.query("SELECT wrapped_key FROM personal_data_keys WHERE key_id = ?",
                        (rs, row) -> rs.getBytes(1), keyId).stream()
                .findFirst()
                .map(wrapped -> masterKey.unwrap(wrapped, keyId));
    }

    private static String period(String keyId) {
        int slash = keyId.indexOf('/');
        return slash < 0 ? null : keyId.substring(slash + 1);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
