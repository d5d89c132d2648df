package org.sudi.channel.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.sudi.platform.ProblemJson;
import org.sudi.channel.internal.IntegrationClients.Client;
import org.sudi.channel.internal.IntegrationClients.Kind;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.sudi.platform.RateLimiter;
import org.sudi.platform.TooManyRequestsException;

/**
 * Authenticates an integration client by its {@code X-Api-Key} header: the principal is the client's
 * {@link org.sudi.directory.Actor}, and the client itself is a request attribute. Missing or unknown
 * keys get a 401 problem; each client has its own rate limit.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Api-Key";
	public static final String CLIENT_ATTRIBUTE = "sudi.integrationClient";

	private final IntegrationClients clients;
	private final Kind kind;
	private final RateLimiter limiter;
	private final ChannelProperties properties;

	public ApiKeyFilter(IntegrationClients clients, Kind kind, RateLimiter limiter, ChannelProperties properties) {
		this.clients = clients;
		this.kind = kind;
		this.limiter = limiter;
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		Optional<Client> client = clients.authenticate(key, kind);
		if (client.isEmpty()) {
			response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
			ProblemJson.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", key == null || key.isBlank()
					? "Send the client's API key in the " + HEADER + " header"
					: "The API key is unknown or revoked", null);
			return;
		}
		try {
			limiter.consume("client:" + client.get().id(), properties.limits().perClientPerMinute(), Duration.ofMinutes(1));
		}
		catch (TooManyRequestsException e) {
			ProblemJson.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage(),
					e.retryAfterSeconds());
			return;
		}
		request.setAttribute(CLIENT_ATTRIBUTE, client.get());
		var authentication = UsernamePasswordAuthenticationToken.authenticated(client.get().actor(), null,
				List.of(new SimpleGrantedAuthority("ROLE_INTEGRATION_" + kind.name())));
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
