package io.samsa.protocol.types;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.Records;
import java.util.List;

/**
 * Sizes of wire-format values, used by the generated {@code size(version)} methods, and the few
 * value helpers generated code shares (empty bytes, records equality). Stateless.
 */
public final class WireFormat {
    /** The default for non-nullable bytes fields; never modified. */
    public static final byte[] EMPTY_BYTES = new byte[0];

    private WireFormat() {
    }

    public static int unsignedVarintSize(int value) {
        // 1 byte per started 7 bits; 0 needs one byte
        int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    public static int varintSize(int value) {
        return unsignedVarintSize((value << 1) ^ (value >> 31));
    }

    public static int varlongSize(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        int bits = 64 - Long.numberOfLeadingZeros(zigzag | 1);
        return (bits + 6) / 7;
    }

    /** The UTF-8 encoded length of {@code value}, by a char scan (no allocation). */
    public static int utf8Length(String value) {
        int chars = value.length();
        int length = chars;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    length += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < chars
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    length += 2; // the pair becomes 4 bytes: 2 chars counted, 2 more
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    length += 2; // 3 bytes
                }
                // a lone surrogate is written as '?', one byte, as String.getBytes(UTF_8) does
            }
        }
        return length;
    }

    private static int lengthPrefixSize(int length, boolean compact, int classicBytes) {
        return compact ? unsignedVarintSize(length + 1) : classicBytes;
    }

    public static int stringSize(String value, boolean compact) {
        int length = utf8Length(value);
        return lengthPrefixSize(length, compact, 2) + length;
    }

    public static int nullableStringSize(String value, boolean compact) {
        return value == null ? (compact ? 1 : 2) : stringSize(value, compact);
    }

    public static int bytesSize(byte[] value, boolean compact) {
        return lengthPrefixSize(value.length, compact, 4) + value.length;
    }

    public static int nullableBytesSize(byte[] value, boolean compact) {
        return value == null ? (compact ? 1 : 4) : bytesSize(value, compact);
    }

    public static int recordsSize(Records value, boolean compact) {
        int length = value.sizeInBytes();
        return lengthPrefixSize(length, compact, 4) + length;
    }

    public static int nullableRecordsSize(Records value, boolean compact) {
        return value == null ? (compact ? 1 : 4) : recordsSize(value, compact);
    }

    /** The size of an array's count prefix (a null array's prefix is the same as an empty one's). */
    public static int arrayLengthSize(int count, boolean compact) {
        return compact ? unsignedVarintSize(count + 1) : 4;
    }

    /** The bytes unknown tagged fields take, each with its tag and size prefix. */
    public static int rawTaggedFieldsSize(List<RawTaggedField> fields) {
        int size = 0;
        if (fields != null) {
            for (int i = 0; i < fields.size(); i++) {
                RawTaggedField field = fields.get(i);
                int length = field.data().length;
                size += unsignedVarintSize(field.tag()) + unsignedVarintSize(length) + length;
            }
        }
        return size;
    }

    /** The size of a whole tagged-field section holding only {@code fields} (which may be null). */
    public static int rawTaggedFieldSectionSize(List<RawTaggedField> fields) {
        return unsignedVarintSize(fields == null ? 0 : fields.size()) + rawTaggedFieldsSize(fields);
    }

    /** Records are equal when both are null or both hold the same bytes (memory records only). */
    public static boolean recordsEqual(Records a, Records b) {
        if (a == b) {
            return true;
        }
        if (a instanceof MemoryRecords ma && b instanceof MemoryRecords mb) {
            return ma.buffer().equals(mb.buffer());
        }
        return false;
    }

    public static int recordsHashCode(Records records) {
        if (records instanceof MemoryRecords memory) {
            return memory.buffer().hashCode();
        }
        return records == null ? 0 : System.identityHashCode(records);
    }

    /** Unknown tagged fields compare equal when both are null or empty, or equal element-wise. */
    public static boolean taggedFieldsEqual(List<RawTaggedField> a, List<RawTaggedField> b) {
        boolean aEmpty = a == null || a.isEmpty();
        boolean bEmpty = b == null || b.isEmpty();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        return a.equals(b);
    }

    public static int taggedFieldsHashCode(List<RawTaggedField> fields) {
        return fields == null || fields.isEmpty() ? 0 : fields.hashCode();
    }
}
