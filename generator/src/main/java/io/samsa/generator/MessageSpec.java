package io.samsa.generator;

import java.util.List;

/**
 * One schema file: a request, response or data message with its version range, flexible versions
 * and every struct it uses (the top level first). Immutable.
 */
record MessageSpec(Kind kind, String name, int apiKey, Versions validVersions, Versions flexibleVersions,
                   boolean latestVersionUnstable, StructSpec top, List<StructSpec> nestedStructs) {

    enum Kind { REQUEST, RESPONSE, DATA }

    StructSpec struct(String structName) {
        for (StructSpec struct : nestedStructs) {
            if (struct.name().equals(structName)) {
                return struct;
            }
        }
        throw new IllegalStateException(name + ": no struct " + structName);
    }

    /** The API name without the Request/Response suffix, e.g. "JoinGroup". */
    String apiName() {
        if (kind == Kind.REQUEST) {
            return name.substring(0, name.length() - "Request".length());
        }
        if (kind == Kind.RESPONSE) {
            return name.substring(0, name.length() - "Response".length());
        }
        return name;
    }
}
