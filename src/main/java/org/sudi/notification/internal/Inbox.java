package org.sudi.notification.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.notification.DeliveryChannel;
import org.sudi.notification.Notification;

/** The inbox and the outbox of deliveries, in one place so they are written together. */
@Repository
class Inbox {

	private static final RowMapper<InboxService.Item> ITEM = (rs, n) -> new InboxService.Item(rs.getLong("id"), rs.getString("kind"),
			rs.getString("title"), rs.getString("body"), rs.getObject("case_id", UUID.class),
			rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant());

	private final JdbcClient jdbc;
	private final List<DeliveryChannel> channels;

	Inbox(JdbcClient jdbc, List<DeliveryChannel> channels) {
		this.jdbc = jdbc;
		this.channels = channels;
	}

	/**
	 * Puts a notification into a person's inbox unless the same one ({@code dedupeKey}) is there
	 * already, and queues its delivery to every channel that reaches the person.
	 */
	boolean add(String username, String kind, String title, String body, UUID caseId, String dedupeKey, Instant now) {
		Optional<Long> id = jdbc.sql("""
				insert into notification_inbox(username, kind, title, body, case_id, dedupe_key, created_at)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (username, dedupe_key) do nothing returning id""")
			.params(username, kind, title, body, caseId, dedupeKey, Timestamp.from(now))
			.query(Long.class)
			.optional();
		if (id.isEmpty()) {
			return false;
		}
		for (DeliveryChannel channel : channels) {
			if (channel.reaches(username)) {
				jdbc.sql("insert into notification_delivery(inbox_id, channel, status, next_attempt_at) values (?, ?, 'PENDING', ?)")
					.params(id.get(), channel.name(), Timestamp.from(now))
					.update();
			}
		}
		return true;
	}

	List<InboxService.Item> items(String username, boolean unreadOnly, int page, int size) {
		return jdbc.sql("select * from notification_inbox where username = ?" + (unreadOnly ? " and read_at is null" : "")
				+ " order by id desc limit ? offset ?")
			.params(username, size, (long) page * size)
			.query(ITEM)
			.list();
	}

	long unread(String username) {
		return jdbc.sql("select count(*) from notification_inbox where username = ? and read_at is null")
			.param(username).query(Long.class).single();
	}

	boolean markRead(String username, long id, Instant now) {
		return jdbc.sql("update notification_inbox set read_at = coalesce(read_at, ?) where id = ? and username = ?")
			.params(Timestamp.from(now), id, username).update() == 1;
	}

	record Delivery(long id, String channel, int attempts, Notification notification) {
	}

	/** Claims one due delivery under a row lock, so that no other node delivers it at the same time. */
	Optional<Delivery> claimDue(Instant now) {
		return jdbc.sql("""
				select d.id, d.channel, d.attempts, i.id as inbox_id, i.username, i.kind, i.title, i.body, i.case_id
				from notification_delivery d join notification_inbox i on i.id = d.inbox_id
				where d.status = 'PENDING' and d.next_attempt_at <= ?
				order by d.next_attempt_at limit 1 for update of d skip locked""")
			.param(Timestamp.from(now))
			.query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getInt("attempts"),
					new Notification(rs.getLong("inbox_id"), rs.getString("username"), rs.getString("kind"),
							rs.getString("title"), rs.getString("body"), rs.getObject("case_id", UUID.class))))
			.optional();
	}

	void delivered(long deliveryId) {
		jdbc.sql("update notification_delivery set status = 'SENT', attempts = attempts + 1, last_error = null where id = ?")
			.param(deliveryId).update();
	}

	void failed(long deliveryId, boolean giveUp, Instant retryAt, String error) {
		jdbc.sql("update notification_delivery set status = ?, attempts = attempts + 1, next_attempt_at = ?, "
				+ "last_error = ? where id = ?")
			.params(giveUp ? "FAILED" : "PENDING", Timestamp.from(retryAt), error, deliveryId)
			.update();
	}
}
