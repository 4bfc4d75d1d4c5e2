package io.samsa.client.consumer.internals.assignors;

/**
 * A movement of partitions from one member to another during one sticky assignment. Immutable.
 *
 * @param srcMemberId the member the partitions left
 * @param dstMemberId the member they went to
 */
record ConsumerPair(String srcMemberId, String dstMemberId) {

    ConsumerPair reversed() {
        return new ConsumerPair(dstMemberId, srcMemberId);
    }

    @Override
    public String toString() {
        return srcMemberId + "->" + dstMemberId;
    }
}
