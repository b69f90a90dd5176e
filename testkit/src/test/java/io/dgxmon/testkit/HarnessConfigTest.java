package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure rendering behind the harnesses: sshd_config and slurm.conf/gres.conf. */
class HarnessConfigTest {
  private static final Path DIR = Path.of("/t");

  @Test
  void sshdListensOnEachAddressUpToSixteen() {
    String text = new SshdConfig(DIR, DIR.resolve("home"), 2222, Map.of("127.0.1.2", "a")).render();
    assertTrue(text.contains("Port 2222\nListenAddress 127.0.1.2\n"), text);
    assertTrue(text.contains("Match LocalAddress 127.0.1.2\n    SetEnv HOME=/t/home FAKE_HOST=a\n"), text);
    assertTrue(text.contains("Subsystem sftp internal-sftp"), text);
    assertTrue(text.contains("PasswordAuthentication no"), text);
  }

  @Test
  void sshdSwitchesToTheWildcardBeyondSixteenAddresses() {
    Map<String, String> nodes = new LinkedHashMap<>();
    for (int i = 1; i <= 17; i++) {
      nodes.put("127.0.1." + i, "n" + i);
    }
    String text = new SshdConfig(DIR, DIR, 22, nodes).render();
    assertTrue(text.contains("ListenAddress 0.0.0.0\n"), text);
    assertFalse(text.contains("ListenAddress 127."), text);
    assertTrue(text.contains("AllowUsers root@127.0.0.0/8"), text);
  }

  @Test
  void sshdRejectsNonLoopbackAddressesAndOddNames() {
    var bad = assertThrows(IllegalArgumentException.class, () -> new SshdConfig(DIR, DIR, 22, Map.of("10.0.0.1", "a")));
    assertTrue(bad.getMessage().contains("10.0.0.1"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SshdConfig(DIR, DIR, 22, Map.of("127.0.1.1", "a b")));
  }

  @Test
  void slurmConfGivesEachNodeItsPortAndAddress() {
    SlurmConfig config = new SlurmConfig("dgxabcd", "vm", DIR, DIR, 6817,
        List.of(new SlurmConfig.Node("dgxabcd1", "127.0.1.11", 7001), new SlurmConfig.Node("dgxabcd2", "127.0.1.12", 7002)),
        4, DIR.resolve("dev"), Optional.of(Path.of("/p.sh")), Optional.empty(), Optional.of("Alloc"), "DebugFlags=Gres");
    String conf = config.slurmConfText();
    assertTrue(conf.contains("SlurmctldHost=vm(127.0.0.1)\nSlurmctldPort=6817\n"), conf);
    assertTrue(conf.contains("AuthInfo=socket=/t/munge/munge.sock\n"), conf);
    assertTrue(conf.contains("NodeName=dgxabcd2 NodeHostname=vm NodeAddr=127.0.1.12 Port=7002 "), conf);
    assertTrue(conf.contains("PartitionName=gpu Nodes=dgxabcd1,dgxabcd2 "), conf);
    assertTrue(conf.contains("Prolog=/p.sh\n") && conf.contains("PrologFlags=Alloc\n"), conf);
    assertFalse(conf.contains("Epilog="), conf);
    assertTrue(conf.contains("DebugFlags=Gres\n"), conf);
    assertEquals("AutoDetect=off\nNodeName=dgxabcd1,dgxabcd2 Name=gpu File=/t/dev/nvidia[0-3]\n", config.gresConfText());
  }

  @Test
  void slurmSocketsStayShortWhateverTheWorkDir() {
    Path longWorkDir = Path.of("/tmp", "w".repeat(200));
    SlurmConfig config = new SlurmConfig("dgxabcd", "vm", longWorkDir, Path.of("/tmp/dgxsock-18446744073709551615"),
        6817, List.of(new SlurmConfig.Node("dgxabcd64", "127.0.1.11", 7001)), 1, longWorkDir.resolve("dev"),
        Optional.empty(), Optional.empty(), Optional.empty(), "");
    String conf = config.slurmConfText();
    assertTrue(conf.contains("SlurmdSpoolDir=/tmp/dgxsock-18446744073709551615/spool/%n\n"), conf);
    assertTrue(conf.contains("AuthInfo=socket=/tmp/dgxsock-18446744073709551615/munge/munge.sock\n"), conf);
    assertTrue(conf.contains("StateSaveLocation=" + longWorkDir.resolve("state") + "\n"), conf);
  }

  @Test
  void slurmRefusesASocketDirTooLongForSlurmstepdsSocket() {
    Path socketDir = Path.of("/tmp", "s".repeat(60));
    var tooLong = assertThrows(IllegalArgumentException.class, () -> new SlurmConfig("dgxabcd", "vm", DIR, socketDir,
        6817, List.of(new SlurmConfig.Node("dgxabcd1", "127.0.1.11", 7001)), 1, DIR.resolve("dev"),
        Optional.empty(), Optional.empty(), Optional.empty(), ""));
    assertTrue(tooLong.getMessage().contains(socketDir + "/spool/dgxabcd1/dgxabcd1_4294967295."), tooLong.getMessage());
  }

  @Test
  void slurmNodesTakeConsecutiveAddressesAndDistinctPorts() {
    List<SlurmConfig.Node> nodes = SlurmConfig.nodes("dgxqwer", "127.0.1.253", 2);
    assertEquals(List.of("dgxqwer1", "dgxqwer2"), nodes.stream().map(SlurmConfig.Node::name).toList());
    assertEquals(List.of("127.0.1.253", "127.0.1.254"), nodes.stream().map(SlurmConfig.Node::address).toList());
    var full = assertThrows(IllegalArgumentException.class, () -> SlurmConfig.nodes("dgxqwer", "127.0.1.254", 2));
    assertTrue(full.getMessage().contains("no room for 2 nodes"), full.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SlurmConfig.nodes("dgxqwer", "10.1.1.1", 1));
    assertTrue(SlurmConfig.randomClusterName().matches("dgx[a-z]{4}"));
  }
}
