package com.chatnation.crm.application.platform.axon;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAggregateCacheTest {

    private final List<String> seen = new ArrayList<>();

    private Cache.EntryListener recorder() {
        return new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                seen.add("expired " + key);
            }
        };
    }

    @Test
    void keepsEntriesUntilRemovedAndTellsListeners() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100);
        cache.registerCacheEntryListener(recorder());

        cache.put("wallet-1", "v1");
        cache.put("wallet-1", "v2");
        assertThat(cache.putIfAbsent("wallet-1", "v3")).isFalse();
        assertThat((String) cache.get("wallet-1")).isEqualTo("v2");
        assertThat(cache.remove("wallet-1")).isTrue();
        assertThat(cache.remove("wallet-1")).isFalse();

        assertThat(cache.containsKey("wallet-1")).isFalse();
        assertThat(seen).containsExactly("created wallet-1", "updated wallet-1", "removed wallet-1");
    }

    @Test
    void holdsNoMoreThanItsSizeAndReportsWhatItEvicts() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        cache.registerCacheEntryListener(recorder());

        for (int i = 0; i < 5; i++) {
            cache.put("conversation-" + i, i);
        }

        assertThat(cache.size()).isEqualTo(2);
        assertThat(seen).filteredOn(event -> event.startsWith("expired")).hasSize(3);
    }

    @Test
    void computesOnlyWhatIsMissingOrPresent() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);

        assertThat((Integer) cache.computeIfAbsent("a", () -> 1)).isEqualTo(1);
        assertThat((Integer) cache.computeIfAbsent("a", () -> 2)).isEqualTo(1);
        cache.<Integer>computeIfPresent("a", value -> value + 10);
        cache.<Integer>computeIfPresent("b", value -> value + 10);

        assertThat((Integer) cache.get("a")).isEqualTo(11);
        assertThat(cache.containsKey("b")).isFalse();
    }
}
