package io.samsa.protocol.types;

/** The body of a request or response of one API (see the generated {@code ApiMessageType}). */
public interface ApiMessage extends Message {

    /** The API key this body belongs to. */
    short apiKey();
}
