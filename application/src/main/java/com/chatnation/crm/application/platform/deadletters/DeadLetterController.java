package com.chatnation.crm.application.platform.deadletters;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections' dead letters, for the platform operator ({@code /admin/**} needs the admin key).
 * <ul>
 *   <li>{@code GET /admin/dead-letters}: how many letters each processing group has;</li>
 *   <li>{@code GET /admin/dead-letters/{group}}: its letters (oldest first, at most {@value DeadLetters#LISTED});</li>
 *   <li>{@code POST /admin/dead-letters/{group}/retry}: retries every sequence of the group;</li>
 *   <li>{@code POST /admin/dead-letters/{group}/{sequenceId}/retry}: retries one sequence;</li>
 *   <li>{@code DELETE /admin/dead-letters/{group}/{sequenceId}}: evicts one sequence.</li>
 * </ul>
 * An unknown group, or a sequence with no letters, is a 404.
 */
@RestController
@SecurityRequirement(name = "platformKey")
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public Map<String, Object> overview() {
        Map<String, Long> counts = deadLetters.counts();
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        overview.put("groups", counts);
        return overview;
    }

    @GetMapping("/{group}")
    public Map<String, Object> list(@PathVariable String group) {
        List<DeadLetters.Letter> letters = deadLetters.list(group);
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("group", group);
        listing.put("count", deadLetters.counts().getOrDefault(group, 0L));
        listing.put("letters", letters);
        return listing;
    }

    @PostMapping("/{group}/retry")
    public Map<String, Object> retryAll(@PathVariable String group) {
        List<DeadLetters.RetryOutcome> outcomes = deadLetters.retryAll(group);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("applied", outcomes.stream().filter(DeadLetters.RetryOutcome::applied).count());
        result.put("failed", outcomes.stream().filter(outcome -> !outcome.applied()).count());
        result.put("sequences", outcomes);
        return result;
    }

    @PostMapping("/{group}/{sequenceId}/retry")
    public DeadLetters.RetryOutcome retry(@PathVariable String group, @PathVariable String sequenceId) {
        return deadLetters.retry(group, sequenceId);
    }

    @DeleteMapping("/{group}/{sequenceId}")
    public Map<String, Object> evict(@PathVariable String group, @PathVariable String sequenceId) {
        return Map.of("group", group, "sequenceId", sequenceId, "evicted", deadLetters.evict(group, sequenceId));
    }
}
