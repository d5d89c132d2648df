package org.sudi.notification.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.directory.Actor;
import org.sudi.notification.internal.InboxService;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.InboxBadge;

/** The console's inbox page, and the top bar's unread badge. */
@Controller
@ConsolePage
class InboxPageController implements InboxBadge {

	private final InboxService inbox;

	InboxPageController(InboxService inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/console/inbox")
	String inbox(Actor actor, @RequestParam(defaultValue = "false") boolean unreadOnly,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int p = Math.max(0, page);
		model.addAttribute("items", inbox.items(actor, unreadOnly, p, 50));
		model.addAttribute("unread", inbox.unread(actor));
		model.addAttribute("unreadOnly", unreadOnly);
		model.addAttribute("page", p);
		return "notification/inbox";
	}

	@PostMapping("/console/inbox/{id}/read")
	String read(Actor actor, @PathVariable long id) {
		inbox.markRead(actor, id);
		return "redirect:/console/inbox";
	}

	@Override
	public long unread(String username) {
		return inbox.unread(username);
	}

	@Override
	public String href() {
		return "/console/inbox";
	}
}
