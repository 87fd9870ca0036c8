package io.kongsync.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kong 3.9.1's {@code validate_host} (datadog, statsd, tcp-log, ldap-auth... hosts) over its {@code normalize_ip}: the
 * kind is decided by exclusion (digits, dots and one colon make an IPv4 address, valid or not), a name's port is
 * only a trailing {@code :<digits>}, a name's labels may not end with '-', and a fully qualified name may end with
 * a dot.
 */
class HostNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            datadog-agent.ecs.local          | -
            datadog-agent.ecs.local.         | -
            _statsd._udp.ecs.local           | -
            10.0.0.12                        | -
            ::1                              | -
            1:2:3:4::5:6:7:8                 | -
            :1:2:3:4:5:6:7                   | -
            1:2:3:4:5:6:7:                   | -
            1:2:3:4:5:6:7::                  | -
            ::                               | -
            [1:2:3:4::5:6:7:8]:443           | must not have a port
            1:2:3:4:5:6:7:8::                | invalid value: 1:2:3:4:5:6:7:8::
            1::2::3                          | invalid value: 1::2::3
            :::1                             | invalid value: :::1
            1:2:3:4:5:6:7:8:9                | invalid value: 1:2:3:4:5:6:7:8:9
            12345::1                         | invalid value: 12345::1
            datadog-agent.ecs.local:8125     | must not have a port
            10.0.0.12:8125                   | must not have a port
            10.0.0.12:99999                  | must not have a port
            [::1]:8125                       | must not have a port
            https://datadog-agent.ecs.local  | invalid value: https://datadog-agent.ecs.local
            datadog-agent.ecs.local:statsd   | invalid value: datadog-agent.ecs.local:statsd
            datadog-agent.ecs.local:         | invalid value: datadog-agent.ecs.local:
            10.0.0.300                       | invalid value: 10.0.0.300
            10.0.12                          | invalid value: 10.0.12
            datadog-.ecs.local               | invalid value: datadog-.ecs.local
            datadog..local                   | invalid value: datadog..local
            datadog agent                    | invalid value: datadog agent
            """)
    void hostsAsKongJudgesThem(String host, String error) {
        assertThat(Typedefs.HOST.test(host)).isEqualTo(error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a-label-of-sixty-four-characters-is-still-a-name-to-kong-0123456.example.com
            -leading-dash.example.com
            """)
    void kongSetsNoLengthLimitAndAllowsALeadingDash(String host) {
        assertThat(Typedefs.HOST.test(host)).isNull();
    }
}
