package org.sudi.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.IntegrationTest;
import org.sudi.directory.OrgKind;

/**
 * The directory's cache of units by id (every intake checks its town there) holds committed units only:
 * a unit inserted and read in a transaction that rolls back is unknown afterwards, while one that commits
 * is found.
 */
@IntegrationTest
class OrgUnitCacheTests {

	@Autowired
	JdbcOrgUnits units;

	@Autowired
	TransactionTemplate tx;

	@Test
	void aUnitReadInARolledBackTransactionIsNotKept() {
		String code = "rollback-" + UUID.randomUUID().toString().substring(0, 8);
		long id = tx.execute(status -> {
			long inserted = units.insert(code, "回滚的单位", OrgKind.DEPARTMENT, null);
			assertThat(units.find(inserted)).isPresent(); // seen by its own transaction
			status.setRollbackOnly();
			return inserted;
		});
		assertThat(units.find(id)).isEmpty();
		assertThat(units.findByCode(code)).isEmpty();
	}

	@Test
	void aUnitReadInACommittedTransactionIsFoundAfterwards() {
		String code = "commit-" + UUID.randomUUID().toString().substring(0, 8);
		long id = tx.execute(status -> {
			long inserted = units.insert(code, "提交的单位", OrgKind.DEPARTMENT, null);
			assertThat(units.find(inserted)).isPresent();
			return inserted;
		});
		assertThat(units.find(id)).hasValueSatisfying(u -> assertThat(u.code()).isEqualTo(code));
	}
}
