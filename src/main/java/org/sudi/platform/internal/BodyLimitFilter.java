package org.sudi.platform.internal;

import java.io.IOException;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.sudi.platform.LimitedBodyRequest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Request body sizes, checked before anything reads the body (ADR 0030): JSON and other bodies up to
 * {@code sudi.web.max-body}, form posts up to {@code sudi.web.max-form-body}, multipart requests up to
 * {@code spring.servlet.multipart.max-request-size} with each file up to {@code max-file-size} (parsed
 * here, so an oversized file is a 413 and not a missing CSRF token further on). A declared length over
 * the limit is refused at once; a chunked body is cut off when it passes the limit while read. Uploads
 * keep their own, smaller limit in the attachment module.
 */
class BodyLimitFilter extends OncePerRequestFilter {

	private final long maxBody;
	private final long maxForm;
	private final long maxMultipart;

	BodyLimitFilter(WebHardeningProperties properties, DataSize maxMultipartRequest) {
		this.maxBody = properties.maxBody().toBytes();
		this.maxForm = properties.maxFormBody().toBytes();
		this.maxMultipart = maxMultipartRequest.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		boolean multipart = type.startsWith("multipart/");
		long max = multipart ? maxMultipart : type.startsWith("application/x-www-form-urlencoded") ? maxForm : maxBody;
		long length = request.getContentLengthLong();
		if (length > max) {
			tooLarge(request, response, max);
			return;
		}
		if (multipart && "POST".equals(request.getMethod()) || multipart && "PUT".equals(request.getMethod())) {
			try {
				request.getParts();
			}
			catch (IllegalStateException e) {
				if (e.getCause() != null && e.getCause().getClass().getSimpleName().matches(".*(Size|Count).*")) {
					// Tomcat: a file over max-file-size, the whole over max-request-size, too many parts.
					tooLarge(request, response, max);
					return;
				}
				throw e;
			}
			catch (IOException | ServletException e) {
				FilterResponses.write(request, response, HttpStatus.BAD_REQUEST, "Invalid multipart body",
						"The multipart body could not be read (无法读取上传内容)", null);
				return;
			}
		}
		chain.doFilter(length < 0 && !multipart ? new LimitedBodyRequest(request, max) : request, response);
	}

	private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long max)
			throws IOException {
		// The unread rest of the body is swallowed by Tomcat up to server.tomcat.max-swallow-size.
		FilterResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
				"The request body is larger than " + max / 1024 + " KB (请求内容过大)", null);
	}
}
