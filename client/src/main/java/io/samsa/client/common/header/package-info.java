/** Record headers: {@link io.samsa.client.common.header.Headers} and its list-backed implementation. */
package io.samsa.client.common.header;
