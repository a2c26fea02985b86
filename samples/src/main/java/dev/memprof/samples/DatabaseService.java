package dev.memprof.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Question: under steady load on a real library, is the live set "not growing", and with a small leak per request
 * "growing", held by {@link #AUDIT_LOG}?
 * <p>
 * An in-memory H2 table of {@value #ROWS} orders, filled before {@code memprof-sample ready}. Each request inserts an
 * order, deletes the oldest (so the table stays at {@value #ROWS} rows) and renders a customer's orders into a page.
 * H2's pages live long enough to reach the old generation, then die: heap after young collections climbs with no leak
 * at all. With {@code leakBytes} > 0 each request also keeps a record of that size in {@link #AUDIT_LOG} forever.
 * Requests run at {@value #REQUESTS_PER_SECOND}/s; at exit it prints {@code requests=<n> leakedBytes=<bytes of the
 * records>}. Args: {@code [seconds] [leakBytes]} (default 10, 0).
 */
public final class DatabaseService {
    static final int REQUESTS_PER_SECOND = 1000, ROWS = 20_000;
    static final List<byte[]> AUDIT_LOG = new ArrayList<>();
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int leakBytes = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:orders")) {
            db.createStatement().execute("create table orders(id bigint primary key, customer int, item varchar(64), amount decimal(12, 2))");
            db.createStatement().execute("create index by_customer on orders(customer)");
            PreparedStatement insert = db.prepareStatement("insert into orders values (?, ?, ?, ?)");
            PreparedStatement byCustomer = db.prepareStatement("select item, amount from orders where customer = ?");
            PreparedStatement delete = db.prepareStatement("delete from orders where id = ?");
            long id = 0;
            for (; id < ROWS; id++) insert(insert, id);
            System.out.println("memprof-sample ready");
            long start = System.nanoTime(), end = start + seconds * 1_000_000_000L, first = id;
            for (long now = start; now < end; now = System.nanoTime()) {
                for (long due = first + (now - start) * REQUESTS_PER_SECOND / 1_000_000_000L; id < due; id++) {
                    insert(insert, id);
                    delete.setLong(1, id - ROWS);
                    delete.executeUpdate();
                    byCustomer.setInt(1, (int) (id % 997));
                    StringBuilder page = new StringBuilder();
                    try (ResultSet r = byCustomer.executeQuery()) {
                        while (r.next()) page.append("<tr><td>").append(r.getString(1)).append("</td><td>").append(r.getBigDecimal(2)).append("</td></tr>");
                    }
                    sink = page.toString();
                    if (leakBytes > 0) audit(leakBytes);
                }
                Thread.sleep(1);
            }
            System.out.println("requests=" + (id - first) + " leakedBytes=" + (long) AUDIT_LOG.size() * leakBytes);
        }
    }

    private static void insert(PreparedStatement insert, long id) throws SQLException {
        insert.setLong(1, id);
        insert.setInt(2, (int) (id % 997));
        insert.setString(3, "item-" + (id * 31 % 10_007) + "-" + Long.toHexString(id));
        insert.setBigDecimal(4, java.math.BigDecimal.valueOf(id % 100_000, 2));
        insert.executeUpdate();
    }

    static void audit(int bytes) {
        AUDIT_LOG.add(new byte[bytes]);
    }
}
