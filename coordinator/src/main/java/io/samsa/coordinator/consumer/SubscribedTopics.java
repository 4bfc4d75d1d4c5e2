package io.samsa.coordinator.consumer;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.samsa.protocol.types.Uuid;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves what a consumer group subscribes to: every topic named by a member plus every
 * non-internal topic matching a member's regular expression (RE2/J syntax, as Kafka, matched
 * against the whole name), restricted to topics that exist. Also computes the group's metadata
 * hash (KIP-1101) over the resolved topics' ids, names and partition counts: a new partition, a
 * newly created matching topic or a deleted topic changes the hash, and a changed hash bumps the
 * group epoch, which makes a new target assignment.
 *
 * <p>Compiled patterns are cached (at most {@link #MAX_CACHED_PATTERNS}, then the cache starts
 * over). Thread-safe: used by every coordinator thread.
 */
public final class SubscribedTopics {
    /** How many compiled regular expressions are kept. */
    static final int MAX_CACHED_PATTERNS = 1024;

    private final TopicLookup image;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public SubscribedTopics(TopicLookup image) {
        this.image = image;
    }

    /** @return null when {@code regex} compiles, else why not */
    public String regexError(String regex) {
        try {
            pattern(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getMessage();
        }
    }

    /**
     * @param members the group's members (the one heartbeating already updated)
     * @return the existing topics any of them subscribes to, by id
     */
    public SortedMap<Uuid, TopicLookup.TopicMetadata> resolve(Collection<ConsumerGroupMember> members) {
        SortedMap<Uuid, TopicLookup.TopicMetadata> resolved = new TreeMap<>();
        Set<String> regexes = new TreeSet<>();
        for (ConsumerGroupMember member : members) {
            for (String name : member.subscribedTopicNames()) {
                image.topic(name).ifPresent(topic -> resolved.put(topic.id(), topic));
            }
            if (member.subscribedTopicRegex() != null) {
                regexes.add(member.subscribedTopicRegex());
            }
        }
        if (!regexes.isEmpty()) {
            for (TopicLookup.TopicMetadata topic : image.topics()) {
                if (!topic.internal() && matchesAny(regexes, topic.name())) {
                    resolved.put(topic.id(), topic);
                }
            }
        }
        return resolved;
    }

    /** @return the ids of the resolved topics {@code member} subscribes to */
    public Set<Uuid> topicsOf(ConsumerGroupMember member, Map<Uuid, TopicLookup.TopicMetadata> resolved) {
        Set<Uuid> ids = new TreeSet<>();
        Set<String> names = new HashSet<>(member.subscribedTopicNames());
        Pattern regex = member.subscribedTopicRegex() == null ? null : pattern(member.subscribedTopicRegex());
        for (TopicLookup.TopicMetadata topic : resolved.values()) {
            if (names.contains(topic.name()) || (regex != null && !topic.internal() && regex.matches(topic.name()))) {
                ids.add(topic.id());
            }
        }
        return ids;
    }

    /** @return the KIP-1101 style hash of the resolved topics: ids, names and partition counts, in id order */
    public static long metadataHash(Map<Uuid, TopicLookup.TopicMetadata> resolved) {
        long hash = 17;
        for (TopicLookup.TopicMetadata topic : new TreeMap<>(resolved).values()) {
            hash = mix(hash, topic.id().mostSignificantBits());
            hash = mix(hash, topic.id().leastSignificantBits());
            hash = mix(hash, topic.name().hashCode());
            hash = mix(hash, topic.partitionCount());
        }
        return hash;
    }

    private static long mix(long hash, long value) {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private boolean matchesAny(Set<String> regexes, String name) {
        for (String regex : regexes) {
            if (pattern(regex).matches(name)) {
                return true;
            }
        }
        return false;
    }

    private Pattern pattern(String regex) {
        Pattern cached = patterns.get(regex);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = Pattern.compile(regex);
        if (patterns.size() >= MAX_CACHED_PATTERNS) {
            patterns.clear();
        }
        patterns.put(regex, compiled);
        return compiled;
    }

    /** @return the topics by id as the assignors take them: partition counts */
    static SortedMap<Uuid, Integer> partitionCounts(Map<Uuid, TopicLookup.TopicMetadata> resolved) {
        SortedMap<Uuid, Integer> counts = new TreeMap<>();
        resolved.forEach((id, topic) -> counts.put(id, topic.partitionCount()));
        return counts;
    }
}
