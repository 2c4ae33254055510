package dev.vitals.probes.jvm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real deadlock in this JVM that a test can undo: two threads each hold one {@link ReentrantLock} and
 * wait for the other's with {@code lockInterruptibly}. The JVM reports them deadlocked (ownable
 * synchronizers); {@link #close()} interrupts them, and they let go.
 */
final class InterruptibleDeadlock implements AutoCloseable {

  final ReentrantLock ledger = new ReentrantLock();
  final ReentrantLock audit = new ReentrantLock();
  private final Thread a;
  private final Thread b;

  InterruptibleDeadlock() throws InterruptedException {
    CountDownLatch bothHold = new CountDownLatch(2);
    a = new Thread(() -> take(ledger, audit, bothHold), "ledger-writer");
    b = new Thread(() -> take(audit, ledger, bothHold), "audit-reader");
    a.setDaemon(true);
    b.setDaemon(true);
    a.start();
    b.start();
    bothHold.await();
    // both now wait (or are about to) for the other's lock; the test waits until the JVM sees it
  }

  private static void take(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHold) {
    mine.lock();
    try {
      bothHold.countDown();
      bothHold.await(); // each holds its own before either asks for the other's
      theirs.lockInterruptibly();
      theirs.unlock();
    } catch (InterruptedException e) {
      // undone by the test
    } finally {
      mine.unlock();
    }
  }

  @Override
  public void close() throws InterruptedException {
    a.interrupt();
    b.interrupt();
    a.join();
    b.join();
  }
}
