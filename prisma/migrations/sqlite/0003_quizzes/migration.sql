-- Classes, quizzes and attempts (issue 8); shared rate-limit counters (issue 9); the
-- learner's desired flashcard retention (issue 7).
ALTER TABLE "User" ADD COLUMN "desiredRetention" REAL NOT NULL DEFAULT 0.9;

CREATE TABLE "Class" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Class_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Class_joinCode_key" ON "Class"("joinCode");
CREATE INDEX "Class_ownerId_idx" ON "Class"("ownerId");

CREATE TABLE "ClassMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClassMember_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClassMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ClassMember_classId_userId_key" ON "ClassMember"("classId", "userId");
CREATE INDEX "ClassMember_userId_idx" ON "ClassMember"("userId");

CREATE TABLE "Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "timeLimitSec" INTEGER,
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "attemptsAllowed" INTEGER NOT NULL DEFAULT 1,
    "gradingMethod" TEXT NOT NULL DEFAULT 'highest',
    "shuffle" BOOLEAN NOT NULL DEFAULT false,
    "reviewWhen" TEXT NOT NULL DEFAULT 'after_close',
    "reviewAnswers" BOOLEAN NOT NULL DEFAULT true,
    "reviewExplanation" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Quiz_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Quiz_classId_idx" ON "Quiz"("classId");

CREATE TABLE "QuizSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quizId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "template" TEXT,
    "topic" TEXT,
    "difficulty" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "seed" INTEGER,
    "points" REAL NOT NULL DEFAULT 1,
    CONSTRAINT "QuizSlot_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "QuizSlot_quizId_position_key" ON "QuizSlot"("quizId", "position");

CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quizId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "layout" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME,
    "submittedAt" DATETIME,
    "submitKind" TEXT,
    "score" REAL,
    "maxScore" REAL NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "QuizAttempt_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "QuizAttempt_quizId_userId_number_key" ON "QuizAttempt"("quizId", "userId", "number");
CREATE INDEX "QuizAttempt_userId_idx" ON "QuizAttempt"("userId");

CREATE TABLE "QuizAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "clientRev" REAL NOT NULL,
    "savedAt" DATETIME NOT NULL,
    "fraction" REAL,
    "misconception" TEXT,
    CONSTRAINT "QuizAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "QuizAnswer_attemptId_position_key" ON "QuizAnswer"("attemptId", "position");

CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "blockedUntil" DATETIME
);
