package org.sudi.directory.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.directory.internal.ConsoleAuthentications;
import org.sudi.platform.ForbiddenException;

/** Lets every controller take the signed-in {@link Actor} as a parameter. */
@Configuration(proxyBeanMethods = false)
class ActorResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType().equals(Actor.class);
	}

	@Override
	public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return fromJwt(token.getToken());
		}
		// Session sign-ins (console pages, the mobile portal) keep the Actor itself as the principal.
		// A console sign-in that still owes a step (second factor, new password) is not signed in yet.
		if (authentication != null && authentication.getPrincipal() instanceof Actor actor
				&& ConsoleAuthentications.stepOf(authentication).isEmpty()) {
			return actor;
		}
		throw new ForbiddenException("Not signed in");
	}

	static Actor fromJwt(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<String> names = jwt.getClaimAsStringList("roles");
		if (names != null) {
			names.forEach(n -> roles.add(Role.valueOf(n)));
		}
		Number org = jwt.getClaim("org");
		return new Actor(jwt.getSubject(), jwt.getClaimAsString("name"), org == null ? null : org.longValue(), roles);
	}
}
