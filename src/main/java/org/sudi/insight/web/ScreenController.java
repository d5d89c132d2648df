package org.sudi.insight.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.sudi.directory.Actor;
import org.sudi.insight.internal.LiveFeed;
import org.sudi.insight.internal.ScreenQueries;
import org.sudi.insight.internal.WatchService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Insight", description = "Command-centre screen, live feed, public figures, leader watch")
class ScreenController {

	private final ScreenQueries screen;
	private final LiveFeed feed;
	private final WatchService watches;

	ScreenController(ScreenQueries screen, LiveFeed feed, WatchService watches) {
		this.screen = screen;
		this.feed = feed;
		this.watches = watches;
	}

	@GetMapping("/api/v1/screen/data")
	@Operation(summary = "Everything the command-centre screen shows, from the rollups")
	ScreenQueries.ScreenData data(Actor actor) {
		ScreenQueries.requireScreenReader(actor);
		return screen.screen();
	}

	@GetMapping(path = "/api/v1/screen/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "The live event feed (server-sent events named 'feed', JSON data)")
	SseEmitter feed(Actor actor) {
		ScreenQueries.requireScreenReader(actor);
		return feed.connect();
	}

	@GetMapping("/api/v1/public/summary")
	@Operation(summary = "District-wide public figures (no personal data); no sign-in")
	ScreenQueries.PublicSummary publicSummary() {
		return screen.publicSummary();
	}

	record WatchBody(@NotNull WatchService.Kind kind, @NotBlank @Size(max = 100) String target) {
	}

	@GetMapping("/api/v1/watches")
	@Operation(summary = "What the leader follows (LEADER)")
	List<WatchService.Watch> watches(Actor actor) {
		return watches.watches(actor);
	}

	@PostMapping("/api/v1/watches")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Follow a case, category, town or department (LEADER)")
	WatchService.Watch watch(Actor actor, @Valid @RequestBody WatchBody body) {
		return watches.add(actor, body.kind(), body.target());
	}

	@DeleteMapping("/api/v1/watches/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Stop following (LEADER)")
	void unwatch(Actor actor, @PathVariable long id) {
		watches.remove(actor, id);
	}

	@GetMapping("/api/v1/watches/cases")
	@Operation(summary = "The cases the leader's watches cover, with their progress (LEADER)")
	List<WatchService.WatchedCase> watchedCases(Actor actor) {
		return watches.cases(actor);
	}
}
