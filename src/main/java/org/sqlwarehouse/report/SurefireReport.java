package org.sqlwarehouse.report;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes test results in Maven Surefire's XML format ({@code TEST-<suite>.xml}, the format CI
 * servers read for JUnit tests): one file per suite, each result a test case whose class is the
 * suite; a FAIL is a {@code failure}, an ERROR an {@code error}, a SKIP {@code skipped}.
 */
public final class SurefireReport {
    private SurefireReport() {
    }

    /** One test's result in a suite. */
    public record Case(String suite, String name, NodeResult result) {
    }

    /** @return the files written */
    public static List<Path> write(Path directory, List<Case> cases) throws IOException {
        Map<String, List<Case>> bySuite = new LinkedHashMap<>();
        for (Case c : cases) {
            bySuite.computeIfAbsent(c.suite(), k -> new ArrayList<>()).add(c);
        }
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<Case>> suite : bySuite.entrySet()) {
            Path file = directory.resolve("TEST-" + suite.getKey().replaceAll("[^A-Za-z0-9_.-]", "_") + ".xml");
            try (OutputStream out = Files.newOutputStream(file)) {
                writeSuite(out, suite.getKey(), suite.getValue());
            } catch (XMLStreamException e) {
                throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
            }
            written.add(file);
        }
        return written;
    }

    private static void writeSuite(OutputStream out, String suite, List<Case> cases) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", suite);
        xml.writeAttribute("tests", String.valueOf(cases.size()));
        xml.writeAttribute("failures", String.valueOf(count(cases, NodeStatus.FAIL)));
        xml.writeAttribute("errors", String.valueOf(count(cases, NodeStatus.ERROR)));
        xml.writeAttribute("skipped", String.valueOf(count(cases, NodeStatus.SKIPPED)));
        xml.writeAttribute("time", seconds(cases.stream().mapToDouble(c -> c.result().executionTime()).sum()));
        xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                Instant.now().atOffset(ZoneOffset.UTC).withNano(0)));
        xml.writeAttribute("hostname", hostname());
        xml.writeCharacters("\n");
        for (Case c : cases) {
            NodeResult r = c.result();
            xml.writeCharacters("  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", c.name());
            xml.writeAttribute("classname", suite);
            xml.writeAttribute("time", seconds(r.executionTime()));
            String message = r.message() == null ? "" : r.message();
            switch (r.status()) {
                case FAIL -> element(xml, "failure", firstLine(message), message);
                case ERROR -> element(xml, "error", firstLine(message), message);
                case SKIPPED -> element(xml, "skipped", message, null);
                default -> {
                }
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
    }

    private static void element(XMLStreamWriter xml, String name, String message, String body)
            throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("message", message);
        xml.writeAttribute("type", "unit_test");
        if (body != null) {
            xml.writeCharacters(body);
        }
        xml.writeEndElement();
    }

    private static long count(List<Case> cases, NodeStatus status) {
        return cases.stream().filter(c -> c.result().status() == status).count();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
