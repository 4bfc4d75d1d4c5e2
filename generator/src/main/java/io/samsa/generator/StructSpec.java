package io.samsa.generator;

import java.util.List;

/**
 * A struct: a message's top level, an inline struct declared under an array or struct field, or
 * a shared {@code struct} block. {@code versions} bounds the versions it is used in. Immutable.
 */
record StructSpec(String name, Versions versions, List<FieldSpec> fields) {
}
