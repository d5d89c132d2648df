package org.sudi.channel.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.channel.internal.IntegrationClients;
import org.sudi.channel.internal.IntegrationClients.Client;
import org.sudi.channel.internal.IntegrationClients.Kind;
import org.sudi.directory.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/integrations/clients")
@Tag(name = "Integrations", description = "Outside systems that hand requests over: 110 transfers, Open311")
class IntegrationClientController {

	private final IntegrationClients clients;

	IntegrationClientController(IntegrationClients clients) {
		this.clients = clients;
	}

	record Register(@NotBlank @Size(max = 100) String name, @NotNull Kind kind) {
	}

	record ClientView(long id, String name, Kind kind, String keyPrefix, String createdBy, Instant createdAt,
			Instant revokedAt) {
		static ClientView of(Client c) {
			return new ClientView(c.id(), c.name(), c.kind(), c.keyPrefix(), c.createdBy(), c.createdAt(), c.revokedAt());
		}
	}

	record RegisteredView(long id, String name, Kind kind, String apiKey, Instant createdAt) {
	}

	@PostMapping
	@Operation(summary = "Register a client (ADMIN); its API key is shown in this answer only")
	ResponseEntity<RegisteredView> register(Actor actor, @Valid @RequestBody Register body) {
		var r = clients.register(actor, body.name(), body.kind());
		return ResponseEntity.status(201)
			.header("Cache-Control", "no-store")
			.body(new RegisteredView(r.client().id(), r.client().name(), r.client().kind(), r.apiKey(),
					r.client().createdAt()));
	}

	@GetMapping
	@Operation(summary = "The registered clients, without keys (ADMIN)")
	List<ClientView> list(Actor actor) {
		return clients.list(actor).stream().map(ClientView::of).toList();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a client's key (ADMIN)")
	ResponseEntity<Void> revoke(Actor actor, @PathVariable long id) {
		clients.revoke(actor, id);
		return ResponseEntity.noContent().build();
	}
}
