package io.samsa.metadata.rpc;

import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import java.util.Objects;
import java.util.function.Function;

/**
 * A controller operation in a form any node can send to the active controller: the request as
 * protobuf and how to read the typed response out of the answer. Build one with
 * {@link ControllerRpcs}. Immutable.
 *
 * @param request the request the leader runs ({@link ControllerRpcHandler})
 * @param decoder reads the response of a successful answer (one without a quorum error)
 * @param <T>     the response type
 */
public record ControllerRpc<T>(ControllerRequest request, Function<ControllerResponse, T> decoder) {
    public ControllerRpc {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decoder, "decoder");
    }

    public T decode(ControllerResponse response) {
        return decoder.apply(response);
    }
}
