package dev.toolyard.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The rows of the sample database: a company of 200 people in eight departments (a chief
 * executive, a head per department, team leads under each head, everyone else under a lead) and
 * 5,000 orders taken by the sales team in the 24 whole months before {@code today}'s month. A fixed seed makes
 * the same people every time, so the documentation and tests can name them.
 */
record SampleData(List<Employee> employees, List<Order> orders) {

    static final int EMPLOYEES = 200;
    static final int ORDERS = 5_000;
    static final String DOMAIN = "sample.toolyard.dev";

    record Employee(int id, String firstName, String lastName, String email, String department, String title,
            String managerEmail, String city, LocalDate hiredOn, BigDecimal salary) {
    }

    record Order(int id, int employeeId, String customer, BigDecimal amount, String status, LocalDate orderedOn) {
    }

    private static final String[] FIRST_NAMES = { "Maria", "James", "Aisha", "Lukas", "Sofia", "Kenji", "Olivia",
            "Mateo", "Emma", "Noah", "Amara", "Lars", "Chloe", "Ravi", "Ingrid", "Diego", "Hannah", "Tomasz", "Yuki",
            "Fatima", "Oscar", "Elena", "Samuel", "Priya", "Jonas", "Lea", "Omar", "Freya", "Carlos", "Mei", "Daniel",
            "Nora", "Ahmed", "Clara", "Henrik", "Zara", "Felix", "Isabel", "Mikael", "Grace" };
    private static final String[] LAST_NAMES = { "Lopez", "Smith", "Okafor", "Schneider", "Rossi", "Tanaka",
            "Brown", "Garcia", "Johansson", "Dubois", "Nowak", "Haddad", "Kim", "Patel", "Andersen", "Silva", "Weber",
            "Murphy", "Costa", "Novak", "Fischer", "Moreau", "Singh", "Berg", "Kowalski", "Ivanova", "Larsen", "Reyes",
            "Chen", "Walsh", "Nakamura", "Hansen", "Ferreira", "Meyer", "Khan", "Lindqvist", "Romero", "Popescu" };
    private static final String[] DEPARTMENTS = { "Engineering", "Sales", "Marketing", "Finance", "Operations",
            "Customer Support", "People", "Legal" };
    private static final String[][] TITLES = {
            { "Software Engineer", "Senior Software Engineer", "QA Engineer", "Site Reliability Engineer" },
            { "Account Executive", "Sales Development Representative", "Account Manager" },
            { "Marketing Specialist", "Content Writer", "Product Marketing Manager" },
            { "Accountant", "Financial Analyst", "Payroll Specialist" },
            { "Operations Analyst", "Logistics Coordinator", "Procurement Specialist" },
            { "Support Agent", "Senior Support Agent", "Support Engineer" },
            { "Recruiter", "People Partner", "Learning Coordinator" },
            { "Legal Counsel", "Paralegal", "Compliance Analyst" } };
    private static final int[] DEPARTMENT_WEIGHTS = { 30, 25, 10, 8, 10, 10, 4, 3 };
    private static final int[] BASE_SALARY = { 85_000, 60_000, 62_000, 65_000, 55_000, 45_000, 58_000, 90_000 };
    private static final String[] CITIES = { "Berlin", "Lisbon", "London", "New York", "Oslo", "Toronto", "Warsaw",
            "Singapore", "Austin", "Amsterdam" };
    private static final String[] CUSTOMER_FIRST = { "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
            "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Massive", "Nakatomi", "Oscorp", "Pied Piper",
            "Gringotts", "Monarch", "Aperture", "Blue Sun" };
    private static final String[] CUSTOMER_LAST = { "Industries", "Corporation", "Logistics", "Foods", "Labs",
            "Systems", "Retail", "Holdings" };
    private static final String[] STATUSES = { "new", "paid", "shipped", "delivered", "cancelled" };
    private static final int[] STATUS_WEIGHTS = { 8, 15, 17, 52, 8 };

    static SampleData generate(LocalDate today) {
        var random = new Random(20261202L);
        var employees = new ArrayList<Employee>();
        var emails = new HashSet<String>();
        var chief = person(random, emails, 1, "Executive Office", "Chief Executive Officer", null, today, 9, 180_000);
        employees.add(chief);
        var heads = new Employee[DEPARTMENTS.length];
        for (int d = 0; d < DEPARTMENTS.length; d++) {
            heads[d] = person(random, emails, employees.size() + 1, DEPARTMENTS[d], "Head of " + DEPARTMENTS[d],
                    chief.email(), today, 8, BASE_SALARY[d] + 50_000);
            employees.add(heads[d]);
        }
        var leads = new ArrayList<List<Employee>>();
        for (int d = 0; d < DEPARTMENTS.length; d++) {
            var departmentLeads = new ArrayList<Employee>();
            int count = Math.max(1, DEPARTMENT_WEIGHTS[d] / 8);
            for (int l = 0; l < count; l++) {
                var lead = person(random, emails, employees.size() + 1, DEPARTMENTS[d], "Team Lead, "
                        + TITLES[d][0].replaceAll("^(Senior )", ""), heads[d].email(), today, 7, BASE_SALARY[d] + 25_000);
                departmentLeads.add(lead);
                employees.add(lead);
            }
            leads.add(departmentLeads);
        }
        int weightTotal = 0;
        for (int weight : DEPARTMENT_WEIGHTS) {
            weightTotal += weight;
        }
        while (employees.size() < EMPLOYEES) {
            int d = pick(random, DEPARTMENT_WEIGHTS, weightTotal);
            var departmentLeads = leads.get(d);
            var manager = departmentLeads.get(random.nextInt(departmentLeads.size()));
            var title = TITLES[d][random.nextInt(TITLES[d].length)];
            employees.add(person(random, emails, employees.size() + 1, DEPARTMENTS[d], title, manager.email(), today, 6,
                    BASE_SALARY[d]));
        }
        var sellers = employees.stream().filter(e -> e.department().equals("Sales")).toList();
        int statusTotal = 0;
        for (int weight : STATUS_WEIGHTS) {
            statusTotal += weight;
        }
        // Whole months only, so the chart's latest month is not a stub of the month the sample was made in.
        var ordersEnd = today.withDayOfMonth(1);
        int orderDays = (int) ChronoUnit.DAYS.between(ordersEnd.minusMonths(24), ordersEnd);
        var orders = new ArrayList<Order>();
        for (int id = 1; id <= ORDERS; id++) {
            var seller = sellers.get(random.nextInt(sellers.size()));
            var customer = CUSTOMER_FIRST[random.nextInt(CUSTOMER_FIRST.length)] + " "
                    + CUSTOMER_LAST[random.nextInt(CUSTOMER_LAST.length)];
            var amount = BigDecimal.valueOf(50 + Math.exp(random.nextDouble() * 9.5)).setScale(2, RoundingMode.HALF_UP);
            var orderedOn = ordersEnd.minusDays(1 + random.nextInt(orderDays));
            var status = orderedOn.isAfter(ordersEnd.minusDays(15)) ? STATUSES[random.nextInt(3)]
                    : STATUSES[pick(random, STATUS_WEIGHTS, statusTotal)];
            orders.add(new Order(id, seller.id(), customer, amount, status, orderedOn));
        }
        return new SampleData(List.copyOf(employees), List.copyOf(orders));
    }

    private static Employee person(Random random, Set<String> emails, int id, String department, String title,
            String managerEmail, LocalDate today, int maxYears, int baseSalary) {
        String first;
        String last;
        String email;
        do {
            first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            email = (first + "." + last).toLowerCase(Locale.ROOT) + "@" + DOMAIN;
        } while (!emails.add(email));
        var hiredOn = today.minusDays(30 + random.nextInt(365 * maxYears));
        var salary = BigDecimal.valueOf(baseSalary + random.nextInt(25) * 1_000L);
        return new Employee(id, first, last, email, department, title, managerEmail,
                CITIES[random.nextInt(CITIES.length)], hiredOn, salary);
    }

    private static int pick(Random random, int[] weights, int total) {
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
