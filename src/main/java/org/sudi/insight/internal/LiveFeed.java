package org.sudi.insight.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed across nodes: {@link #publish} hands the item over when the transaction of the change
 * commits (nothing on rollback), and a sender thread sends what has gathered with {@code NOTIFY
 * sudi_feed}, many items in one small transaction of its own that does not wait for its WAL flush
 * (ADR 0034: a NOTIFY inside the change's transaction holds PostgreSQL's cluster-wide notify lock
 * through that transaction's commit flush, so every notifying commit waited for the one before).
 * Every node keeps one dedicated connection that LISTENs and hands each notification to the SSE
 * clients connected to that node. The listening connection is re-opened after a failure; a batch
 * that cannot be sent is dropped (the feed is live only: nothing is replayed to late clients either).
 */
@Component
public class LiveFeed implements SmartLifecycle {

	static final String CHANNEL = "sudi_feed";

	private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final JsonMapper json = JsonMapper.builder().build();
	private final CopyOnWriteArrayList<SseEmitter> clients = new CopyOnWriteArrayList<>();
	/** Items of committed transactions not sent yet; beyond this many, new ones are dropped. */
	static final int QUEUE = 10_000;
	/** How long the sender waits after the first item for more to send with it. */
	static final long LINGER_MILLIS = 50;
	/** Items sent in one NOTIFY transaction at most. */
	static final int MAX_BATCH = 500;
	private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>(QUEUE);
	private final AtomicLong dropped = new AtomicLong();
	private volatile boolean running;
	private Thread listener;
	private Thread sender;

	LiveFeed(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Queues the item for delivery when the current transaction commits (at once when there is none). */
	public void publish(FeedItem item) {
		String payload = json.writeValueAsString(item);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					send(payload);
				}
			});
		}
		else {
			send(payload);
		}
	}

	private void send(String payload) {
		if (!outgoing.offer(payload)) {
			dropped.incrementAndGet();
		}
	}

	/**
	 * Sends what has gathered, in one statement and one transaction: one notification per item, and
	 * {@code synchronous_commit} off for this transaction only (a notification is not durable anyway;
	 * the changes it tells of were committed durably before).
	 */
	private void sendLoop() {
		List<String> batch = new ArrayList<>();
		while (running) {
			try {
				String first = outgoing.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				// What else comes within a moment goes in the same transaction: under load one NOTIFY
				// transaction carries many items, at a trickle each item waits at most this long.
				Thread.sleep(LINGER_MILLIS);
				outgoing.drainTo(batch, MAX_BATCH - 1);
				jdbc.sql("select count(pg_notify(?, p)) from set_config('synchronous_commit', 'off', true), unnest(?) p")
					.params(CHANNEL, batch.toArray(String[]::new))
					.query(Long.class)
					.single();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				log.warn("Live feed could not send {} item(s): {}", batch.size(), e.getMessage());
			}
			finally {
				batch.clear();
			}
			long lost = dropped.getAndSet(0);
			if (lost > 0) {
				log.warn("Live feed dropped {} item(s): more than {} waiting to be sent", lost, QUEUE);
			}
		}
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
		sender = new Thread(this::sendLoop, "sudi-live-feed-sender");
		sender.setDaemon(true);
		sender.start();
	}

	@Override
	public void stop() {
		running = false;
		clients.forEach(SseEmitter::complete);
		clients.clear();
		for (Thread t : new Thread[] { sender, listener }) {
			if (t != null) {
				try {
					t.join(3000);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
