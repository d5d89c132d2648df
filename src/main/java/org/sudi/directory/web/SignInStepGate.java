package org.sudi.directory.web;

import java.io.IOException;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.sudi.directory.internal.ConsoleAuthentications;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps a console sign-in that still owes a step (second factor, its enrolment, a new password) on
 * that step's page: every other console page redirects there. (Controllers would not get an
 * {@code Actor} for it anyway: {@code ActorResolver} refuses it.)
 */
@Component
class SignInStepGate extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/console");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var step = ConsoleAuthentications.stepOf(SecurityContextHolder.getContext().getAuthentication());
		if (step.isPresent() && !request.getRequestURI().startsWith(request.getContextPath() + step.get().path())) {
			response.sendRedirect(request.getContextPath() + step.get().path());
			return;
		}
		chain.doFilter(request, response);
	}
}
