package io.samsa.client.common.header;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The list-backed {@link Headers}. {@link #setReadOnly()} freezes it; the producer calls that when it
 * takes the record, so an application cannot change headers of a record already handed over.
 *
 * <p>Not thread-safe.
 */
public final class RecordHeaders implements Headers {
    private final List<Header> headers;
    private boolean readOnly;

    public RecordHeaders() {
        this.headers = new ArrayList<>();
    }

    public RecordHeaders(Header[] headers) {
        this.headers = new ArrayList<>(headers == null ? 0 : headers.length);
        if (headers != null) {
            Collections.addAll(this.headers, headers);
        }
    }

    public RecordHeaders(Iterable<Header> headers) {
        this.headers = new ArrayList<>();
        if (headers != null) {
            headers.forEach(this.headers::add);
        }
    }

    @Override
    public Headers add(Header header) {
        checkWritable();
        headers.add(Objects.requireNonNull(header, "header"));
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        headers.removeIf(h -> h.key().equals(key));
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equals(key)) {
                matching.add(h);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers.toArray(new Header[0]);
    }

    /** Makes every later mutation throw {@link IllegalStateException}. */
    public void setReadOnly() {
        readOnly = true;
    }

    @Override
    public Iterator<Header> iterator() {
        Iterator<Header> it = headers.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Header next() {
                return it.next();
            }

            @Override
            public void remove() {
                checkWritable();
                it.remove();
            }
        };
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("RecordHeaders has been closed.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RecordHeaders && headers.equals(((RecordHeaders) o).headers));
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "RecordHeaders(headers = " + headers + ", isReadOnly = " + readOnly + ")";
    }
}
