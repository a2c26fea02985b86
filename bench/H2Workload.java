import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A real workload from Maven Central for bench/recording-overhead.sh: H2 (com.h2database:h2), an
 * in-memory SQL database, taking inserts, point queries, range aggregates and deletes on one
 * thread, as an application's own database work would. Prints its throughput, in operations per
 * second, over the measured seconds after the warm-up ones: {@code ops_per_second=<n>}.
 * Args: {@code <warm-up seconds> <measured seconds>}.
 */
public final class H2Workload {
    public static void main(String[] args) throws Exception {
        long warmUp = Long.parseLong(args[0]) * 1_000_000_000L, measured = Long.parseLong(args[1]) * 1_000_000_000L;
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:bench")) {
            try (Statement s = db.createStatement()) {
                s.execute("create table orders(id bigint primary key, customer int, item varchar(64), amount decimal(12, 2))");
                s.execute("create index by_customer on orders(customer)");
            }
            PreparedStatement insert = db.prepareStatement("insert into orders values (?, ?, ?, ?)");
            PreparedStatement byId = db.prepareStatement("select item, amount from orders where id = ?");
            PreparedStatement byCustomer = db.prepareStatement("select count(*), sum(amount) from orders where customer = ?");
            PreparedStatement delete = db.prepareStatement("delete from orders where id = ?");
            long start = System.nanoTime(), measureFrom = start + warmUp, end = measureFrom + measured;
            long id = 0, operations = 0, sink = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) break;
                for (int i = 0; i < 100; i++, id++) {
                    insert.setLong(1, id);
                    insert.setInt(2, (int) (id % 997));
                    insert.setString(3, "item-" + (id * 31 % 10_007) + "-" + Long.toHexString(id));
                    insert.setBigDecimal(4, java.math.BigDecimal.valueOf(id % 100_000, 2));
                    insert.executeUpdate();
                    byId.setLong(1, id / 2);
                    try (ResultSet r = byId.executeQuery()) {
                        if (r.next()) sink += r.getString(1).length();
                    }
                    if (i % 10 == 0) {
                        byCustomer.setInt(1, (int) (id % 997));
                        try (ResultSet r = byCustomer.executeQuery()) {
                            if (r.next()) sink += r.getLong(1);
                        }
                    }
                    if (id >= 50_000) { // keep the table at about 50,000 rows
                        delete.setLong(1, id - 50_000);
                        delete.executeUpdate();
                    }
                }
                if (now >= measureFrom) operations += 100;
            }
            System.out.printf("ops_per_second=%.0f (sink %d)%n", operations / (measured / 1e9), sink);
        }
    }
}
