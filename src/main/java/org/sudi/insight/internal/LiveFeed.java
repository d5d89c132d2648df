package org.sudi.insight.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed across nodes: {@link #publish} sends {@code NOTIFY sudi_feed} inside the transaction
 * of the change (PostgreSQL delivers it only when that commits, and drops it on rollback); every node
 * keeps one dedicated connection that LISTENs and hands each notification to the SSE clients
 * connected to that node. The listening connection is re-opened after a failure.
 */
@Component
public class LiveFeed implements SmartLifecycle {

	static final String CHANNEL = "sudi_feed";

	private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final JsonMapper json = JsonMapper.builder().build();
	private final CopyOnWriteArrayList<SseEmitter> clients = new CopyOnWriteArrayList<>();
	private volatile boolean running;
	private Thread listener;

	LiveFeed(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Queues the item for delivery when the current transaction commits. */
	public void publish(FeedItem item) {
		jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, json.writeValueAsString(item)).query().singleRow();
	}

	/** A new SSE client of this node. */
	public SseEmitter connect() {
		SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(30));
		clients.add(emitter);
		emitter.onCompletion(() -> clients.remove(emitter));
		emitter.onTimeout(() -> clients.remove(emitter));
		emitter.onError(e -> clients.remove(emitter));
		try {
			emitter.send(SseEmitter.event().comment("connected"));
		}
		catch (IOException e) {
			clients.remove(emitter);
		}
		return emitter;
	}

	int clients() {
		return clients.size();
	}

	private void broadcast(String payload) {
		for (SseEmitter client : clients) {
			try {
				client.send(SseEmitter.event().name("feed").data(payload, org.springframework.http.MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException e) {
				clients.remove(client);
			}
		}
	}

	private void heartbeat() {
		for (SseEmitter client : clients) {
			try {
				client.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException e) {
				clients.remove(client);
			}
		}
	}

	private void listen() {
		long lastBeat = System.currentTimeMillis();
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(true);
				// A silently dropped connection (no reset from the server) must not block the listener forever.
				connection.setNetworkTimeout(Runnable::run, 15_000);
				try (Statement s = connection.createStatement()) {
					s.execute("LISTEN " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (running) {
					PGNotification[] notifications = pg.getNotifications(1000);
					if (notifications != null) {
						for (PGNotification n : notifications) {
							broadcast(n.getParameter());
						}
					}
					if (System.currentTimeMillis() - lastBeat > 20_000) {
						// Proves the listening connection is still alive (throws when it is not, and we LISTEN anew).
						try (Statement s = connection.createStatement()) {
							s.execute("select 1");
						}
						heartbeat();
						lastBeat = System.currentTimeMillis();
					}
				}
			}
			catch (SQLException | RuntimeException e) {
				if (running) {
					log.warn("Live feed listener lost its connection; retrying in 2 s: {}", e.getMessage());
					try {
						Thread.sleep(2000);
					}
					catch (InterruptedException ie) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	@Override
	public void start() {
		running = true;
		listener = new Thread(this::listen, "sudi-live-feed");
		listener.setDaemon(true);
		listener.start();
	}

	@Override
	public void stop() {
		running = false;
		clients.forEach(SseEmitter::complete);
		clients.clear();
		if (listener != null) {
			try {
				listener.join(3000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
