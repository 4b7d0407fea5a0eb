package dev.toolyard.sample;

import java.util.List;

/**
 * The SQL of the Employees app's queries. Every {@code {{ }}} is a bound parameter (T-CU4);
 * {@code myReports} is the record-level rule of T-CU3: its {@code current_user.email} is bound on
 * the server from the session, never taken from the browser (T-CU5).
 */
final class SampleQueries {

    record Query(String name, String sql) {
    }

    static final Query EMPLOYEES = new Query("employees", """
            select id, first_name, last_name, email, department, title, city, manager_email, hired_on, salary
            from employees
            where coalesce({{ searchInput.value }}::text, '') = ''
               or concat_ws(' ', first_name, last_name, email, department, title, city)
                  ilike '%' || {{ searchInput.value }}::text || '%'
            order by last_name, first_name, id""");

    /** The 12 months up to the latest order's: the sample's orders stay where they were made, and so does the chart. */
    static final Query ORDERS_BY_MONTH = new Query("ordersByMonth", """
            with latest as (select date_trunc('month', max(ordered_on)) as month from orders)
            select to_char(date_trunc('month', ordered_on), 'YYYY-MM') as month,
                   count(*) as orders,
                   round(sum(amount)) as revenue
            from orders, latest
            where status <> 'cancelled'
              and ordered_on >= latest.month - interval '11 months'
            group by 1
            order by 1""");

    static final Query MY_REPORTS = new Query("myReports", """
            select id, first_name, last_name, email, department, title, city, hired_on
            from employees
            where manager_email = {{ current_user.email }}
            order by last_name, first_name, id""");

    static final Query EMPLOYEE_ORDERS = new Query("employeeOrders", """
            select id, customer, amount, status, ordered_on
            from orders
            where employee_id = {{ employeesTable.selectedRow ? employeesTable.selectedRow.id : null }}
            order by ordered_on desc, id desc
            limit 200""");

    static final Query UPDATE_TITLE = new Query("updateTitle", """
            update employees
            set title = {{ titleInput.value }}
            where id = {{ employeesTable.selectedRow ? employeesTable.selectedRow.id : null }}""");

    static final List<Query> ALL = List.of(EMPLOYEES, ORDERS_BY_MONTH, MY_REPORTS, EMPLOYEE_ORDERS, UPDATE_TITLE);

    private SampleQueries() {
    }
}
