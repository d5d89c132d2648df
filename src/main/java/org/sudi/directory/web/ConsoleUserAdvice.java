package org.sudi.directory.web;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.internal.ConsoleAuthentications;
import org.sudi.platform.ConsolePage;

/** Puts the signed-in account and its unit into every console page's model, for the top bar and menu. */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleUserAdvice {

	/** The signed-in account as the layout shows it; {@code has('DISPATCHER')} decides menu entries. */
	public record ConsoleUser(String username, String displayName, String unitName, Set<String> roles) {

		public boolean has(String role) {
			return roles.contains(role);
		}
	}

	private final OrgUnits orgUnits;

	ConsoleUserAdvice(OrgUnits orgUnits) {
		this.orgUnits = orgUnits;
	}

	@ModelAttribute
	void user(Model model) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof Actor actor && ConsoleAuthentications.stepOf(auth).isEmpty()) {
			String unit = actor.orgId() == null ? null : orgUnits.find(actor.orgId()).map(OrgUnit::name).orElse(null);
			model.addAttribute("me", new ConsoleUser(actor.username(), actor.displayName(), unit,
					actor.roles().stream().map(Enum::name).collect(Collectors.toUnmodifiableSet())));
		}
	}
}
