package org.sudi.platform;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request without a Content-Length (chunked) whose body stops being read past a limit: reading on
 * throws {@link PayloadTooLargeException}, which the problem answers turn into 413.
 */
public class LimitedBodyRequest extends HttpServletRequestWrapper {

	private final long max;

	public LimitedBodyRequest(HttpServletRequest request, long max) {
		super(request);
		this.max = max;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		ServletInputStream in = super.getInputStream();
		return new ServletInputStream() {
			private long read;

			@Override
			public int read() throws IOException {
				int b = in.read();
				if (b >= 0 && ++read > max) {
					throw new PayloadTooLargeException(max);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int off, int len) throws IOException {
				int n = in.read(buffer, off, len);
				if (n > 0 && (read += n) > max) {
					throw new PayloadTooLargeException(max);
				}
				return n;
			}

			@Override
			public boolean isFinished() {
				return in.isFinished();
			}

			@Override
			public boolean isReady() {
				return in.isReady();
			}

			@Override
			public void setReadListener(ReadListener listener) {
				in.setReadListener(listener);
			}
		};
	}

	/** The body went past the limit while it was read. */
	public static class PayloadTooLargeException extends IOException {
		public PayloadTooLargeException(long max) {
			super("The request body is larger than " + max + " bytes");
		}
	}
}
