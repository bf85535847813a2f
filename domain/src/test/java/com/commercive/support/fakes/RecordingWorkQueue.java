package com.commercive.support.fakes;

import com.commercive.support.pipeline.AiJob;
import com.commercive.support.pipeline.Notification;
import com.commercive.support.pipeline.WorkQueue;
import java.util.ArrayList;
import java.util.List;

/** A work queue that keeps what it is given, and counts its warm-ups. */
public final class RecordingWorkQueue implements WorkQueue {
  public final List<AiJob> jobs = new ArrayList<>();
  public final List<Notification> notifications = new ArrayList<>();
  public int warmUps;

  @Override
  public void enqueue(AiJob job) {
    jobs.add(job);
  }

  @Override
  public void enqueue(Notification notification) {
    notifications.add(notification);
  }

  @Override
  public void warmUp() {
    warmUps++;
  }
}
