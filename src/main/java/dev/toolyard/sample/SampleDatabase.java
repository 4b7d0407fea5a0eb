package dev.toolyard.sample;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.toolyard.database.DatabaseServer;

/**
 * The sample database on the server of Toolyard's own: made with a login role of the same name that
 * may read and change the rows of its two tables and nothing else (no DDL, no other database), so
 * queries of the sample resource cannot reach Toolyard's data. A database of that name that
 * Toolyard did not make is never touched.
 */
final class SampleDatabase {

    private static final Logger log = LoggerFactory.getLogger(SampleDatabase.class);

    /** Marks a database as Toolyard's sample, so a database that happens to have the name is left alone. */
    static final String COMMENT = "Toolyard sample database (employees and orders)";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the resource's configuration needs: the role's password is new on every call. */
    record Login(String host, int port, String database, String user, String password) {

        @Override
        public String toString() {
            return "Login[" + user + "@" + host + ":" + port + "/" + database + "]";
        }
    }

    private final DatabaseServer server;
    private final String name;

    SampleDatabase(DatabaseServer server, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("toolyard.sample.database must match " + NAME + ": " + name);
        }
        this.server = server;
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Makes the database, its role and rows, unless they are there; empty when a database of this
     * name exists that is not Toolyard's sample. The role gets a fresh password each time.
     */
    Optional<Login> ensure(LocalDate today) throws SQLException {
        String password = password();
        // Roles and databases are the server's, made from any database: Toolyard's own is one it may enter.
        try (var postgres = server.connect(server.database())) {
            postgres.setAutoCommit(true);
            var comment = comment(postgres);
            if (comment.isPresent() && !comment.get().equals(COMMENT)) {
                log.warn("A database named '{}' exists and is not Toolyard's sample: the sample is not made", name);
                return Optional.empty();
            }
            try (var statement = postgres.createStatement()) {
                statement.execute(roleExists(postgres)
                        ? "alter role " + name + " login password '" + password + "'"
                        : "create role " + name + " login password '" + password + "'");
                if (comment.isEmpty()) {
                    statement.execute("create database " + name);
                    statement.execute("comment on database " + name + " is '" + COMMENT + "'");
                    statement.execute("revoke all on database " + name + " from public");
                    statement.execute("grant connect on database " + name + " to " + name);
                }
            }
        }
        try (var sample = server.connect(name)) {
            if (!loaded(sample)) {
                load(sample, SampleData.generate(today));
            }
        }
        return Optional.of(new Login(server.host(), server.port(), name, name, password));
    }

    private Optional<String> comment(Connection postgres) throws SQLException {
        try (var statement = postgres.prepareStatement(
                "select coalesce(shobj_description(oid, 'pg_database'), '') from pg_database where datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private boolean roleExists(Connection postgres) throws SQLException {
        try (var statement = postgres.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean loaded(Connection sample) throws SQLException {
        try (var statement = sample.createStatement();
                var rows = statement.executeQuery("select to_regclass('public.orders') is not null")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** Tables and rows in one transaction: a start stopped half-way leaves no half-loaded tables. */
    private void load(Connection sample, SampleData data) throws SQLException {
        sample.setAutoCommit(false);
        try (var statement = sample.createStatement()) {
            statement.execute("""
                    create table employees (
                        id            integer       primary key,
                        first_name    text          not null,
                        last_name     text          not null,
                        email         text          not null unique,
                        department    text          not null,
                        title         text          not null,
                        manager_email text          references employees (email),
                        city          text          not null,
                        hired_on      date          not null,
                        salary        numeric(10,2) not null
                    )""");
            statement.execute("create index employees_manager on employees (manager_email)");
            statement.execute("""
                    create table orders (
                        id          integer       primary key,
                        employee_id integer       not null references employees (id),
                        customer    text          not null,
                        amount      numeric(12,2) not null,
                        status      text          not null
                                    check (status in ('new', 'paid', 'shipped', 'delivered', 'cancelled')),
                        ordered_on  date          not null
                    )""");
            statement.execute("create index orders_employee on orders (employee_id, ordered_on desc)");
            statement.execute("create index orders_ordered_on on orders (ordered_on)");
        }
        try (var insert = sample.prepareStatement("insert into employees (id, first_name, last_name, email, department,"
                + " title, manager_email, city, hired_on, salary) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (var employee : data.employees()) {
                insert.setInt(1, employee.id());
                insert.setString(2, employee.firstName());
                insert.setString(3, employee.lastName());
                insert.setString(4, employee.email());
                insert.setString(5, employee.department());
                insert.setString(6, employee.title());
                insert.setString(7, employee.managerEmail());
                insert.setString(8, employee.city());
                insert.setDate(9, Date.valueOf(employee.hiredOn()));
                insert.setBigDecimal(10, employee.salary());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (var insert = sample.prepareStatement("insert into orders (id, employee_id, customer, amount, status,"
                + " ordered_on) values (?, ?, ?, ?, ?, ?)")) {
            for (var order : data.orders()) {
                insert.setInt(1, order.id());
                insert.setInt(2, order.employeeId());
                insert.setString(3, order.customer());
                insert.setBigDecimal(4, order.amount());
                insert.setString(5, order.status());
                insert.setDate(6, Date.valueOf(order.orderedOn()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (var statement = sample.createStatement()) {
            // The sample's queries read and change rows; only Toolyard's own user changes the tables.
            statement.execute("revoke all on schema public from public");
            statement.execute("grant usage on schema public to " + name);
            statement.execute("grant select, insert, update, delete on employees, orders to " + name);
        }
        sample.commit();
        sample.setAutoCommit(true);
    }

    private static String password() {
        var password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
